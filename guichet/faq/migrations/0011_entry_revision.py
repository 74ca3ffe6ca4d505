from django.db import migrations, models
from django.db.models import Max


def number_latest_revisions(apps, schema_editor):
    Entry = apps.get_model("faq", "Entry")
    for entry in Entry.objects.annotate(latest=Max("revisions__number")).filter(latest__isnull=False):
        Entry.objects.filter(pk=entry.pk).update(revision=entry.latest)


class Migration(migrations.Migration):
    dependencies = [("faq", "0010_facet_english_labels")]

    operations = [
        migrations.AddField(model_name="entry", name="revision",
                            field=models.PositiveIntegerField(default=0, editable=False)),
        migrations.RunPython(number_latest_revisions, migrations.RunPython.noop),
    ]
