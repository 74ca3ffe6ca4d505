from django.db import models
from django.utils import timezone


class StoredVector(models.Model):
    """An entry text's embedding, computed once per distinct text (so once per revision that
    changed the text) and reused by every process and every restart."""

    model_name = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_name", "text_hash"], name="one_vector_per_text")]


class Lease(models.Model):
    """Background work that one app process at a time should do (embedding a whole corpus): the
    process holding an unexpired lease does it, the others leave it."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()
