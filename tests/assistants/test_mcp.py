"""An MCP client from the official SDK lists Guichet's tools and gets answers that cite entries."""

import asyncio
import json

import pytest
from mcp import Client

from guichet.assistants.mcp_server import build_server

pytestmark = pytest.mark.django_db(transaction=True)


def _ask(calls):
    async def run():
        async with Client(build_server()) as client:
            return [await call(client) for call in calls]

    return asyncio.run(run())


def _structured(result) -> dict | list:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        content = result.structured_content
        return content.get("result", content) if isinstance(content, dict) and set(content) == {"result"} else content
    return json.loads(result.content[0].text)


def test_a_client_lists_the_search_read_and_facet_tools(demo):
    (tools,) = _ask([lambda c: c.list_tools()])
    names = {tool.name for tool in tools.tools}
    assert {"search_faq", "read_entry", "list_facets"} <= names
    search = next(t for t in tools.tools if t.name == "search_faq")
    assert "query" in search.input_schema["properties"] and "facets" in search.input_schema["properties"]


def test_a_question_is_answered_with_the_right_entry_and_its_address(demo):
    (result,) = _ask([lambda c: c.call_tool("search_faq", {"query": "une personne peut-elle avoir plusieurs e-CPS", "limit": 3})])
    found = _structured(result)
    assert found["answered"] is True
    assert found["hits"][0]["slug"] == "plusieurs-e-cps"
    assert found["hits"][0]["url"].endswith("/questions/plusieurs-e-cps/")


def test_a_question_in_english_is_searched_in_english(demo):
    (result,) = _ask([lambda c: c.call_tool("search_faq", {"query": "can one person have several e-CPS",
                                                            "language": "en"})])
    found = _structured(result)
    assert found["language"] == "en" and found["hits"][0]["url"].endswith("/en/questions/plusieurs-e-cps/")


def test_facets_narrow_the_search_and_an_unknown_facet_is_an_error_that_lists_them(demo):
    narrowed, wrong = _ask([
        lambda c: c.call_tool("search_faq", {"query": "e-CPS", "facets": ["couloir:hopital"]}),
        lambda c: c.call_tool("search_faq", {"query": "e-CPS", "facets": ["couloir:lune"]}),
    ])
    assert all("hopital" in hit["facets"].get("couloir", []) for hit in _structured(narrowed)["hits"])
    assert wrong.is_error and "hopital" in wrong.content[0].text


def test_an_unanswerable_question_says_so_instead_of_listing_entries(demo):
    (result,) = _ask([lambda c: c.call_tool("search_faq", {"query": "zzzzqqq wwxx"})])
    found = _structured(result)
    assert found["answered"] is False and found["hits"] == []


def test_reading_an_entry_gives_its_whole_answer_and_a_missing_one_is_an_error(demo):
    entry, missing, garbled = _ask([lambda c: c.call_tool("read_entry", {"slug": "plusieurs-e-cps"}),
                                    lambda c: c.call_tool("read_entry", {"slug": "nulle-part"}),
                                    lambda c: c.call_tool("read_entry", {"slug": "a\u0000b" * 100})])
    data = _structured(entry)
    assert data["answer"].startswith("Une personne ne peut avoir") and data["url"].endswith("/questions/plusieurs-e-cps/")
    assert missing.is_error and "search_faq" in missing.content[0].text
    assert garbled.is_error and "search_faq" in garbled.content[0].text


@pytest.mark.usefixtures("transactional_db")
def test_guichet_mcp_http_serves_the_site_and_the_mcp_endpoint():
    """``guichet mcp --http``: an MCP client over streamable HTTP at /mcp, the site beside it."""
    import subprocess
    import sys
    import time
    import urllib.request

    from guichet.exchange.importing import import_file
    from tests.conftest import DEMO_FILE, ROOT
    from tests.live_server import database_url, free_port

    import_file(DEMO_FILE)
    port = free_port()
    env = {**__import__("os").environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "guichet.settings"}
    process = subprocess.Popen([sys.executable, "-m", "guichet.cli.main", "mcp", "--http", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as page:
                    assert b"FAQ des industriels" in page.read()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "guichet mcp --http did not start"
                time.sleep(0.3)

        async def run():
            async with Client(base + "/mcp") as client:
                tools = await client.list_tools()
                result = await client.call_tool("search_faq", {"query": "une personne peut-elle avoir plusieurs e-CPS"})
                return tools, result

        tools, result = asyncio.run(run())
        assert "search_faq" in {t.name for t in tools.tools}
        assert _structured(result)["hits"][0]["url"].endswith("/questions/plusieurs-e-cps/")
    finally:
        process.terminate()
        process.wait(timeout=20)
