from django.db import models


class BenchRow(models.Model):
    """One row per baseline request."""

    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.note
