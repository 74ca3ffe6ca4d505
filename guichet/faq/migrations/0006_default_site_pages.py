from pathlib import Path

from django.db import migrations

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
TITLES = {"accessibilite": "Déclaration d’accessibilité", "mentions-legales": "Mentions légales",
          "donnees-personnelles": "Données personnelles et cookies"}


def create_pages(apps, schema_editor):
    from guichet.faq.rendering import render_markdown

    SitePage = apps.get_model("faq", "SitePage")
    for slug, title in TITLES.items():
        body = (PAGES / f"{slug}.md").read_text(encoding="utf-8")
        SitePage.objects.get_or_create(slug=slug, defaults={
            "title": title, "body": body, "body_html": render_markdown(body), "updated_by": "Guichet"})


class Migration(migrations.Migration):
    """The pages a French public site must have, with a first text administrators then complete."""

    dependencies = [("faq", "0005_sitepage")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
