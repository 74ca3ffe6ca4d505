from django.db import models


class Counter(models.Model):
    """Actions of one client (or on one account) in one time window, shared by every app process
    through the database when there is no Redis."""

    name = models.CharField(max_length=200)  # scope and client (or account)
    window_start = models.BigIntegerField()  # in seconds since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "window_start"], name="one_counter_per_window")]
