"""An editor attaches an image (with its alternative text) and a PDF to an answer: visitors see the
image and a download link with the type and size, the files come from Django's storage (a folder,
or an S3-compatible bucket), and they survive an export imported elsewhere."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import Image

from guichet.faq.models import Attachment, Entry
from tests.html import parse

pytestmark = pytest.mark.django_db
SLUG = "plusieurs-e-cps"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def png(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#000091").save(out, "PNG")
    return out.getvalue()


def upload(client, entry, name, data, description=""):
    return client.post("/gestion/pieces-jointes/ajouter/", {
        "entry": entry.pk, "description": description, "file": _named(name, data)})


def _named(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@pytest.fixture
def visitor():
    """Nobody signed in (``client`` is the editor's own, once ``editor_client`` signed it in)."""
    from django.test import Client

    return Client()


@pytest.fixture
def entry(demo) -> Entry:
    return Entry.objects.get(slug=SLUG)


@pytest.fixture
def attached(editor_client, entry):
    assert upload(editor_client, entry, "Écran d’activation.png", png(), "L’écran d’activation de la e-CPS").status_code == 302
    assert upload(editor_client, entry, "Guide e-CPS.pdf", PDF, "Guide d’activation").status_code == 302
    return entry


def test_visitors_see_the_image_with_its_text_and_download_the_pdf(visitor, attached):
    page = parse(visitor.get(f"/questions/{SLUG}/"))
    image = page.select_one("figure.guichet-figure img")
    assert image["alt"] == "L’écran d’activation de la e-CPS" and (image["width"], image["height"]) == ("64", "48")
    link = page.select_one(".guichet-downloads a[download]")
    assert link.contents[0].strip() == "Guide d’activation" and "PDF" in link.text and "octets" in link.text
    served = visitor.get(image["src"])
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff" and "sandbox" in served["Content-Security-Policy"]
    document = visitor.get(link["href"])
    assert b"".join(document.streaming_content) == PDF
    assert document["Content-Disposition"].startswith("attachment") and "Guide" in document["Content-Disposition"]
    card = parse(visitor.get("/?q=plusieurs+e-CPS")).select_one(f"#entree-{SLUG}")
    assert card.select_one("figure img")["alt"] == "L’écran d’activation de la e-CPS"  # in the list too


def test_an_image_without_its_alternative_text_is_refused_and_nothing_is_kept(editor_client, entry, settings,
                                                                              tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = upload(editor_client, entry, "capture.png", png())
    page = parse(editor_client.get(response["Location"]))
    assert "texte alternatif" in page.select_one(".fr-alert--error").text
    assert not Attachment.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_refused_type_says_which_types_are_accepted(editor_client, entry):
    response = upload(editor_client, entry, "script.svg", b"<svg onload='alert(1)'/>", "Un schéma")
    assert "SVG" in parse(editor_client.get(response["Location"])).select_one(".fr-alert--error").text


def test_a_draft_entrys_files_are_for_editors_only(visitor, editor_client, attached):
    url = Attachment.objects.first().get_absolute_url()
    Entry.objects.filter(pk=attached.pk).update(status="draft")
    assert visitor.get(url).status_code == 404
    assert editor_client.get(url).status_code == 200


def test_a_removed_file_disappears_from_the_page_and_the_storage(visitor, editor_client, attached,
                                                                  django_capture_on_commit_callbacks):
    pdf = Attachment.objects.get(content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the file is deleted once the removal is committed
        assert editor_client.post(f"/gestion/pieces-jointes/{pdf.pk}/retirer/").status_code == 302
    assert not parse(visitor.get(f"/questions/{SLUG}/")).select_one(".guichet-downloads")
    assert not default_storage.exists(pdf.file.name)


def test_the_api_lists_the_files(visitor, attached):
    files = visitor.get(f"/api/v1/entries/{SLUG}").json()["attachments"]
    assert [(f["content_type"], f["description"]) for f in files] == [
        ("image/jpeg", "L’écran d’activation de la e-CPS"), ("application/pdf", "Guide d’activation")]
    assert files[0]["url"].startswith("http") and files[0]["width"] == 64


def test_files_survive_an_export_imported_elsewhere(visitor, attached, tmp_path):
    from guichet.exchange.export import export_json
    from guichet.exchange.importing import import_file

    first = export_json()
    files = next(e for e in json.loads(first)["entries"] if e["slug"] == SLUG)["attachments"]
    assert [f["name"] for f in files] == ["Écran d’activation.png", "Guide e-CPS.pdf"]
    for attachment in Attachment.objects.all():
        default_storage.delete(attachment.file.name)
    Entry.objects.all().delete()
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    import_file(path)
    assert export_json() == first
    link = parse(visitor.get(f"/questions/{SLUG}/")).select_one(".guichet-downloads a")
    assert b"".join(visitor.get(link["href"]).streaming_content) == PDF


def test_a_damaged_file_in_an_import_is_refused_with_its_place(attached, tmp_path):
    from guichet.exchange.export import export_json
    from guichet.exchange.importing import import_file
    from guichet.faq.errors import ImportFileError

    data = json.loads(export_json())
    entry = next(e for e in data["entries"] if e["slug"] == SLUG)
    entry["attachments"][1]["data"] = entry["attachments"][1]["data"][:-8] + "AAAAAAAA"
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFileError, match="sha256"):
        import_file(path)


@pytest.fixture
def s3_bucket():
    """An S3-compatible bucket (moto answers boto3 in this process: no network)."""
    moto = pytest.importorskip("moto", reason="moto is in the test extra: pip install -e '.[test]'")
    import boto3

    with moto.mock_aws():
        boto3.client("s3", region_name="eu-west-3").create_bucket(
            Bucket="guichet-test", CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
        storages = {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": "guichet-test", "region_name": "eu-west-3", "file_overwrite": False, "default_acl": None,
            "access_key": "test", "secret_key": "test"}},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(STORAGES=storages):
            yield boto3.client("s3", region_name="eu-west-3")


def test_files_go_to_an_s3_compatible_bucket_when_one_is_configured(visitor, editor_client, entry, s3_bucket):
    upload(editor_client, entry, "Guide e-CPS.pdf", PDF, "Guide d’activation")
    stored = Attachment.objects.get()
    assert s3_bucket.get_object(Bucket="guichet-test", Key=stored.file.name)["Body"].read() == PDF
    assert b"".join(visitor.get(stored.get_absolute_url()).streaming_content) == PDF
