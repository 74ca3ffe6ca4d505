from pathlib import Path

from django.db import migrations

PAGE = Path(__file__).resolve().parent.parent / "data" / "pages" / "donnees-personnelles.md"


def refresh_shipped_text(apps, schema_editor):
    """The personal-data page now tells of askers' emails and of retention: a page no administrator
    edited yet (still signed "Guichet") takes the new shipped text; an edited one is left alone."""
    from guichet.faq.rendering import render_markdown

    SitePage = apps.get_model("faq", "SitePage")
    body = PAGE.read_text(encoding="utf-8")
    SitePage.objects.filter(slug="donnees-personnelles", updated_by="Guichet").update(
        body=body, body_html=render_markdown(body))


class Migration(migrations.Migration):
    dependencies = [("faq", "0013_ignored_acronym")]

    operations = [migrations.RunPython(refresh_shipped_text, migrations.RunPython.noop)]
