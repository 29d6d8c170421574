"""The content version's one row (``cms.caching.version``): owned by the database, so that it
changes in the same transaction as the content it versions and no state of the shared cache
(Redis restarted from an old snapshot, flushed, restored) can bring back a version that is not
current in the database."""

from django.db import models


class ContentVersion(models.Model):
    """One row (pk 1). ``version`` only grows: each bump sets it to the larger of version + 1
    and the current time in milliseconds, so a database restored from a backup hands out
    versions above every one used before the restore at its first change."""

    version = models.BigIntegerField(default=0)
    changed_at = models.BigIntegerField(default=0, help_text="Unix time of the last change.")

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)
