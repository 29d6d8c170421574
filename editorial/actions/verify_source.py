"""Record an editor's verification of a social-network source.

``VerifySource(page, editor, original_post_url, note, sources).execute()`` creates the record
with its corroborating sources; ``VerifySource.record(verification, editor)`` completes one the
admin's snippet form has just saved (the form asks for a complete one). Either way the
verifier is the editor who acted and the event goes to the page history and the ledger.
Whether a verification counts is decided at approval (``SourceVerification.is_complete``).
"""

from django.db import transaction

from editorial.actions.base import EditorialAction
from editorial.signals import emit


class VerifySource(EditorialAction):
    def __init__(self, page, editor, original_post_url="", note="", sources=(), request=None):
        self.page = page
        self.editor = editor
        self.original_post_url = original_post_url
        self.note = note
        self.sources = list(sources)
        self.request = request

    def failures(self):
        return []

    @transaction.atomic
    def execute(self):
        from editorial.models import CorroboratingSource, SourceVerification

        self.check()
        verification = SourceVerification.objects.create(
            page=self.page,
            original_post_url=self.original_post_url,
            note=self.note,
            verified_by=self.editor,
        )
        for url in self.sources:
            CorroboratingSource.objects.create(verification=verification, url=url)
        self._report(verification)
        return verification

    @classmethod
    def record(cls, verification, editor, request=None):
        """A verification saved by the admin's form: its verifier is the editor who acted."""
        action = cls(verification.page, editor, request=request)
        if verification.verified_by_id is None:
            verification.verified_by = editor
            verification.save(update_fields=["verified_by"])
        action._report(verification)
        return verification

    def _report(self, verification):
        emit(
            "verification",
            page=verification.page,
            actor=self.editor,
            comment=verification.note,
            request=self.request,
            verification_id=verification.pk,
        )
