"""The approval ledger: an append-only, hash-chained record of every editorial event.

Every fact is copied, never referenced: deleting a page, a revision or an account leaves the
entry whole. Rows are refused updates and deletes here (``save``, ``delete``, queryset
``update``/``delete``) and again by database triggers (``ledger.triggers``). Each entry
carries the hash of the one before it, so ``manage.py verify_ledger`` can prove nothing was
altered, removed or inserted.

Entries are only ever created through ``ledger.record`` (in bulk, ``ledger.append.append``).
"""

import json

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class LedgerImmutableError(Exception):
    """Raised on any attempt to change or remove a ledger entry."""


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerImmutableError("ledger entries cannot be updated")

    def delete(self):
        raise LedgerImmutableError("ledger entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerImmutableError("ledger entries cannot be updated")

    def for_page(self, page_id):
        return self.filter(page_id=page_id).order_by("seq")


class LedgerEntry(models.Model):
    # The sequence number is the primary key: gap-free, assigned under the append lock.
    seq = models.BigIntegerField(_("number"), primary_key=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)

    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    actor_full_name = models.CharField(_("full name"), max_length=300, blank=True)
    actor_roles = models.CharField(_("role"), max_length=500, blank=True)
    actor_title = models.CharField(_("job title"), max_length=255, blank=True)

    page_id = models.BigIntegerField(_("page id"), null=True, blank=True, db_index=True)
    page_type = models.CharField(_("page type"), max_length=100, blank=True)
    page_title = models.TextField(_("page title"), blank=True)
    page_url_path = models.TextField(_("URL path"), blank=True)
    section_id = models.BigIntegerField(_("section id"), null=True, blank=True)
    section_title = models.CharField(_("section"), max_length=255, blank=True)
    source_type = models.CharField(_("source type"), max_length=30, blank=True)

    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.TextField(_("object"), blank=True)

    revision_id = models.BigIntegerField(_("revision id"), null=True, blank=True)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    stage = models.CharField(_("stage"), max_length=255, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    ip_address = models.CharField(_("IP address"), max_length=45, blank=True)
    user_agent = models.TextField(_("user agent"), blank=True)

    # "page:<id>" or "model:<id>" of the Wagtail log entry this entry was made from.
    source_log = models.CharField(_("source log entry"), max_length=40, blank=True)
    # Canonical JSON (sorted keys, no spaces), stored as text so the hash covers exact bytes.
    extra_json = models.TextField(_("details"), default="{}", blank=True)
    # Ed25519 signature (hex) of ``entry_hash`` by the key held outside the database
    # (``ledger.signing``); empty only for entries written before signing existed.
    signature = models.CharField(_("signature"), max_length=128, blank=True, db_default="")

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the model was editorial's: no data moves, and
        # the triggers and the append function (``ledger.triggers``, ``ledger.append``) name it.
        db_table = "editorial_ledgerentry"
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_log"],
                condition=~models.Q(source_log=""),
                name="editorial_ledger_one_entry_per_log_entry",
            )
        ]
        indexes = [models.Index(fields=["section_id", "created_at"])]

    def __str__(self):
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding or not kwargs.get("force_insert"):
            raise LedgerImmutableError("ledger entries are only ever inserted, once")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutableError("ledger entries cannot be deleted")

    @cached_property
    def extra(self):
        return json.loads(self.extra_json or "{}")

    @property
    def actor_display(self):
        return self.actor_full_name or self.actor_username
