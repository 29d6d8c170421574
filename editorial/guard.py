"""The publish guard: the one choke point every way of making content live goes through.

It sits below every publishing path (admin views, bulk actions, workflow finish, scheduled
publishing, copy with "publish copies", aliases, moves, reverts, the admin API and
``Revision.publish()`` / ``Page.save()`` from code): a ``pre_save`` receiver on every page
model and on revisions.

A page save is allowed when the page will not be live, or when what readers would see is
content that completed every review stage:

- the page was already live and the save changes none of its content (a move, a lock, a
  tree fix), or
- an alias whose content equals its live source's content (``update_aliases``), or
- the content's hash has a valid ``PublicationClearance`` of this page (signed off, not yet
  replaced by newer live content, not taken down) whose recorded stages satisfy the review
  policy (``editorial.rules.review_policy_failures``).

Scheduling a revision (setting ``approved_go_live_at``) needs the same clearance.
Anything else raises ``UnreviewedPublishError``, whoever the user, superusers included.
"""

from django.db.models.signals import post_save, pre_save
from wagtail.models import Page, Revision

from cms.sanitize import sanitize_page
from editorial.content import VOLATILE_FIELDS, page_content_json, revision_content_hash, sha256
from editorial.exceptions import UnreviewedPublishError

# A save limited to fields outside the content hash (``update_fields``) cannot change what
# readers read, so it is never checked; going live is.
UNCHECKED_FIELDS = VOLATILE_FIELDS - {"live"}


def is_guarded(page):
    # The tree's root (depth 1) is never served; everything below it is.
    return page.depth is None or page.depth > 1


def valid_clearance_exists(page_id, content_hash):
    """Whether a valid clearance of this content exists whose recorded stages satisfy the
    review policy (one query): a clearance written without them, or by stages the policy
    refuses, lets nothing go live."""
    from editorial.models import PublicationClearance
    from editorial.rules import review_policy_failures

    recorded = PublicationClearance.objects.filter(
        page_id=page_id, content_hash=content_hash, status__in=PublicationClearance.VALID
    ).values_list("stages", flat=True)
    return any(not review_policy_failures(stages or []) for stages in recorded)


def check_page_save(instance, update_fields=None):
    if not instance.live or not is_guarded(instance):
        return
    if update_fields is not None and set(update_fields) <= UNCHECKED_FIELDS:
        return
    content = page_content_json(instance)
    content_hash = sha256(content)
    # A clearance is of the whole (specific) content, inline rows included. Checked first: one
    # query, and what every publication after review and most saves of a live page have.
    if (
        instance.pk
        and type(instance) is instance.specific_class
        and valid_clearance_exists(instance.pk, content_hash)
    ):
        return
    model = type(instance)
    if instance.pk:
        stored = _stored(model, instance.pk)
        if stored is not None and stored.live and page_content_json(stored) == content:
            return
    if instance.alias_of_id:
        source = _stored(model, instance.alias_of_id, live=True)
        if source is not None and page_content_json(source, ignore_slug=True) == page_content_json(
            instance, ignore_slug=True
        ):
            return
    raise UnreviewedPublishError()


def _stored(model, pk, **filters):
    """The page as stored, its HTML as a save would write it now (``instance`` went through the
    sanitiser in its own ``pre_save``): a live page stored before a change of the sanitiser
    (``<br>`` before ``<br/>``) is not taken for changed content when it is saved unchanged."""
    stored = model.objects.filter(pk=pk, **filters).first()
    if stored is not None:
        sanitize_page(stored)
    return stored


def revision_is_cleared(revision):
    """Whether this page revision's content completed every review stage (and still counts)."""
    return valid_clearance_exists(int(revision.object_id), revision_content_hash(revision))


def check_revision_schedule(revision, update_fields=None):
    if revision.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    if revision.base_content_type.model_class() is not Page:
        return
    if revision_is_cleared(revision):
        return
    raise UnreviewedPublishError()


def _page_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    check_page_save(instance, update_fields=update_fields)


def _revision_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    check_revision_schedule(instance, update_fields=update_fields)


def _revision_post_save(sender, instance, raw=False, **kwargs):
    if raw or instance.base_content_type.model_class() is not Page:
        return
    from editorial.actions import RestartReview

    RestartReview(instance).execute()


def connect():
    """Connect the guard to Page and every Page subclass (signals are per concrete sender)."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(
                _page_pre_save, sender=model, dispatch_uid=f"guard-{model._meta.label}"
            )
    pre_save.connect(_revision_pre_save, sender=Revision, dispatch_uid="guard-revision")
    post_save.connect(_revision_post_save, sender=Revision, dispatch_uid="review-restart")
