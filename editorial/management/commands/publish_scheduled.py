"""Wagtail's ``publish_scheduled``, refusing scheduled revisions that were not reviewed.

A scheduled page revision whose content has no valid clearance (see ``editorial.guard``) is
not published: its schedule is cleared, the refusal is reported on stderr, in the page's
history and as an editorial event, and the other due revisions are published as usual.
The whole run is one transaction: a page saved offline, its clearances revoked
(``editorial.handlers``) and the content version bumped (``cms.caching``) commit together or not
at all, so a run that fails leaves nothing half done and the next run (every minute) does it
again. (This app is listed before ``wagtail`` in INSTALLED_APPS, so this command replaces Wagtail's;
``portal_site.wagtail_compat.command_app`` and its test hold that.)
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Page, Revision

from editorial.exceptions import UnreviewedPublishError
from editorial.guard import revision_is_cleared
from editorial.signals import emit


class Command(WagtailCommand):
    @transaction.atomic
    def handle(self, *args, **options):
        if not options.get("dryrun"):
            self.refuse_unreviewed()
        return super().handle(*args, **options)

    def refuse_unreviewed(self):
        due = Revision.objects.filter(
            approved_go_live_at__lt=timezone.now(),
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        for revision in due.order_by("approved_go_live_at"):
            if revision_is_cleared(revision):
                continue
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            page = Page.objects.filter(pk=revision.object_id).first()
            reason = str(UnreviewedPublishError.default_message)
            self.stderr.write(
                f"Not published: {revision.object_str!r} (page {revision.object_id}, "
                f"revision {revision.pk}): {reason}"
            )
            if page is not None:
                page = page.specific
                log(
                    instance=page,
                    action="portal.review.publish_refused",
                    revision=revision,
                    data={"reason": reason, "scheduled": True},
                )
                emit(
                    "publish_refused",
                    page=page,
                    revision=revision,
                    comment=reason,
                    scheduled=True,
                )
