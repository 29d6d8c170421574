"""System checks of the review set-up.

- ``editorial.E001``: a site's home page or a section has no active review workflow.
- ``editorial.E002``: a workflow covering public pages has a stage that is not a review task
  (such a stage would not be held to the review rules), or fewer than two stages.
- ``editorial.E003``: Wagtail would cancel a review when someone publishes
  (``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``).
- ``editorial.E004``: Wagtail would finish workflows with another action than the publication
  of what was signed off (``WAGTAIL_FINISH_WORKFLOW_ACTION``).
- ``editorial.W001``: the ledger's request middleware is missing (no IP or user agent recorded).
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

FINISH_ACTION = "editorial.finish.publish_signed_off"


@register()
def check_settings(app_configs=None, **kwargs):
    errors = []
    if getattr(settings, "WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH", True):
        errors.append(
            Error(
                "WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH must be False.",
                hint="Publishing must never silently cancel a review.",
                id="editorial.E003",
            )
        )
    if getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", None) != FINISH_ACTION:
        errors.append(
            Error(
                f"WAGTAIL_FINISH_WORKFLOW_ACTION must be {FINISH_ACTION!r}.",
                hint="Only the sign-off publishes, and only the approved content.",
                id="editorial.E004",
            )
        )
    return errors


def workflow_errors():
    from wagtail.models import Site

    from cms.models import SectionPage
    from editorial.models import ReviewTask

    errors = []
    pages = [site.root_page.specific for site in Site.objects.select_related("root_page")]
    for root in list(pages):
        pages.extend(SectionPage.objects.descendant_of(root))
    seen = set()
    for page in pages:
        if page.pk in seen:
            continue
        seen.add(page.pk)
        workflow = page.get_workflow()
        if workflow is None or not workflow.active:
            errors.append(
                Error(
                    f"Page {page.title!r} (id {page.pk}) has no active review workflow.",
                    hint="Assign the review workflow to the tree's root or to this section.",
                    obj=page,
                    id="editorial.E001",
                )
            )
            continue
        tasks = list(workflow.tasks.filter(active=True).specific())
        if len(tasks) < 2 or not all(isinstance(t, ReviewTask) for t in tasks):
            errors.append(
                Error(
                    f"Workflow {workflow.name!r} of page {page.title!r} (id {page.pk}) needs "
                    "an editor review and a chief editor sign-off, and only review stages.",
                    obj=workflow,
                    id="editorial.E002",
                )
            )
    return errors


def review_workflow_installed():
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    return ("editorial", "0003_default_review_workflow") in applied


@register()
def check_review_workflows(app_configs=None, **kwargs):
    try:
        # Before editorial's migrations have run, `migrate` itself must not be blocked.
        if not review_workflow_installed():
            return []
        return workflow_errors()
    except DatabaseError:
        # No database yet (before migrate, or a deploy check without one).
        return []


LEDGER_MIDDLEWARE = "ledger.context.LedgerRequestMiddleware"


@register("editorial")
def check_ledger_middleware(app_configs, **kwargs):
    if LEDGER_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Warning(
            "The approval ledger cannot record IP addresses and user agents.",
            hint=f"Add {LEDGER_MIDDLEWARE!r} to MIDDLEWARE after AuthenticationMiddleware.",
            id="editorial.W001",
        )
    ]
