from django.db import migrations


class Migration(migrations.Migration):
    """A search's outcome is now "answered or not" (the site says when it has no answer)."""

    dependencies = [("feedback", "0002_visitorquestion")]

    operations = [migrations.RenameField("searchlog", "confident", "answered")]
