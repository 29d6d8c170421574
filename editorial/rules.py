"""The rulebook: every reason an editorial action is refused, one ``*_failures`` per action.

Each function returns the list of refusals (``editorial.exceptions.EditorialRefusal``) that
stand in the way, most fundamental first, and never changes anything. The actions
(``editorial.actions``) raise the first one from their ``check()``; the admin shows the same
refusal (``editorial.middleware``), code gets the same exception, and a refused attempt that is
recorded says the same words. The mechanics of each action live in ``editorial.actions``; only
the rules live here.

- ``submit_failures``: the content checks' errors that block submission.
- ``approve_failures``: reviewer of the stage, content unchanged since the stage started,
  four eyes (no author approves, nobody approves two stages), earlier stages approved, the
  social-network source verified, no content-check error, every warning acknowledged.
- ``request_changes_failures`` / ``reject_failures``: reviewer of the stage (and a comment for
  a change request).
- ``publish_failures``: what the sign-off publishes was approved at every stage, by different
  people, and every stage is a review stage; and the stages that approved it satisfy the
  review policy (``review_policy_failures``), whatever the workflow's rows say.
- ``review_policy_failures``: the policy itself, in code and settings, never in editable rows:
  at least ``EDITORIAL_REVIEW_MIN_STAGES`` (never fewer than two) approved stages, an editor
  stage approved by a member of the editors' role, the last stage a sign-off by a member of the
  chief editors' role, all by different people, none an author. The publish guard asks it
  again of the stages a ``PublicationClearance`` records.
- ``takedown_failures``: the page is live, the person may unpublish it, a reason is given.
- ``grant_failures``: an administrator grants a group only what they hold, never what only a
  superuser grants, and the administrators' own permissions to no other group; nobody but a
  superuser makes a superuser.
- ``confirm_proposal_failures`` / ``reject_proposal_failures``: a proposed change to the review
  rules (``editorial.governance``) is decided by an administrator; the proposer cannot confirm.
- Recording a source verification refuses nothing: an incomplete one is kept and simply does
  not count (``SourceVerification.is_complete``); the admin's form asks for a complete one.

Import direction: used by ``editorial.actions``; imports editorial's models, exceptions and
content checks.
"""

from django.conf import settings

from editorial import exceptions, roles
from editorial.content_checks import SOURCE_UNVERIFIED, WARNING, Finding, run_checks


def in_stage_groups(task, user):
    """Whether ``user`` belongs to one of the groups of the stage ``task`` (one query)."""
    return task.groups.filter(pk__in=user.groups.values("pk")).exists()


def is_stage_member(task, user):
    """Whether ``user`` reviews the stage ``task``: active, and a superuser or a member of one
    of the stage's groups."""
    if not user.is_active:
        return False
    return user.is_superuser or in_stage_groups(task, user)


def acknowledged_keys(acknowledged):
    """Keys of what a reviewer acknowledged: ``Finding.key`` strings, ``Finding`` objects or
    ``(code, passage)`` pairs."""
    keys = set()
    for item in acknowledged or ():
        if isinstance(item, Finding):
            keys.add(item.key)
        elif isinstance(item, tuple | list) and len(item) == 2:
            code, passage = item
            keys.add(Finding(WARNING, str(code), "", str(passage)).key)
        elif isinstance(item, str) and item:
            keys.add(item)
    return keys


def submit_failures(revision):
    """Refusals of submitting ``revision`` for review: its content-check errors that block
    submission (all but the unverified social source, which only an editor resolves)."""
    findings = run_checks(revision.as_object())
    blocking = [f for f in findings if f.blocks_submission]
    if blocking:
        return [exceptions.SubmissionBlockedError(blocking, page_id=int(revision.object_id))]
    return []


def approve_failures(review, user, acknowledged=()):
    """Refusals of ``user`` approving the current stage of ``review`` (a
    ``editorial.actions.base.ReviewRound``), acknowledging the warnings ``acknowledged``."""
    if not is_stage_member(review.task, user):
        return [exceptions.NotAReviewerError()]
    failures = []
    if review.content_hash != review.task_state.content_hash:
        failures.append(exceptions.ContentChangedError())
    if user.pk in review.authors():
        failures.append(exceptions.SelfApprovalError())
    approvals = review.approvals()
    if any(a.user_id == user.pk for a in approvals):
        failures.append(exceptions.SameReviewerError())
    approved = {a.task_id for a in approvals}
    if not all(stage.pk in approved for stage in review.earlier_stages()):
        failures.append(exceptions.ContentChangedError())
    if failures:
        return failures
    return _content_failures(review, acknowledged)


def _content_failures(review, acknowledged):
    """The content checks on exactly the revision approved. The unverified social source is
    its own refusal (the editor records a verification); other errors refuse the approval;
    every warning must be acknowledged by this reviewer."""
    if review.revision is None:
        return []
    findings = review.findings()
    errors = [f for f in findings if f.is_error]
    if any(f.code == SOURCE_UNVERIFIED for f in errors):
        return [exceptions.VerificationRequiredError()]
    if errors:
        return [exceptions.ApprovalBlockedError(errors, page_id=review.page.pk)]
    keys = acknowledged_keys(acknowledged)
    missing = [f for f in findings if f.is_warning and f.key not in keys]
    if missing:
        return [exceptions.WarningsNotAcknowledgedError(missing, page_id=review.page.pk)]
    return []


def request_changes_failures(review, user, comment):
    if not is_stage_member(review.task, user):
        return [exceptions.NotAReviewerError()]
    if not (comment or "").strip():
        return [exceptions.CommentRequiredError()]
    return []


def reject_failures(review, user):
    if not is_stage_member(review.task, user):
        return [exceptions.NotAReviewerError()]
    return []


EDITOR_STAGE = "editor_review"
SIGN_OFF_STAGE = "sign_off"


def stage_kind(task):
    """What a review stage is, by its specific type (Wagtail's cached content types: no query):
    an editor review or a chief editor's sign-off."""
    from editorial.models import ChiefSignOffTask, EditorReviewTask

    model = task.specific_class
    if model is not None and issubclass(model, ChiefSignOffTask):
        return SIGN_OFF_STAGE
    if model is not None and issubclass(model, EditorReviewTask):
        return EDITOR_STAGE
    return ""


def stage_records(approvals):
    """What a clearance records of the approvals that produced it, in order: who (id, username),
    their review roles at that moment, and the stage (id, name, kind). One query (the roles)."""
    from django.contrib.auth.models import Group

    review_roles = (roles.EDITORS, roles.CHIEF_EDITORS)
    held = {}
    for user_id, name in Group.objects.filter(
        user__in=[a.user_id for a in approvals if a.user_id], name__in=review_roles
    ).values_list("user", "name"):
        held.setdefault(user_id, []).append(name)
    return [
        {
            "user_id": a.user_id,
            "username": a.user.get_username() if a.user_id else "",
            "roles": sorted(held.get(a.user_id, [])),
            "stage_id": a.task_id,
            "stage": a.task.name,
            "kind": stage_kind(a.task),
        }
        for a in approvals
    ]


def review_policy_failures(stages, authors=()):
    """Refusals by the review policy of content approved by ``stages`` (``stage_records``, in
    order) and written by ``authors`` (user ids)."""
    min_stages = max(2, getattr(settings, "EDITORIAL_REVIEW_MIN_STAGES", 2))
    users = [stage.get("user_id") for stage in stages]
    if (
        len(stages) < min_stages
        or None in users
        or len(set(users)) != len(users)
        or set(users) & set(authors)
        or not any(
            stage.get("kind") == EDITOR_STAGE and roles.EDITORS in stage.get("roles", ())
            for stage in stages[:-1]
        )
        or stages[-1].get("kind") != SIGN_OFF_STAGE
        or roles.CHIEF_EDITORS not in stages[-1].get("roles", ())
    ):
        return [exceptions.ReviewPolicyError()]
    return []


def publish_failures(review, records=None):
    """Refusals of publishing what ``review`` signed off: every active stage is a review stage
    and approved exactly the content about to go live, each by a different person, and the
    approvals satisfy the review policy. ``records``: the round's ``stage_records()`` when
    already read."""
    from editorial.models import ReviewTask

    stages = review.stages
    approvals = review.approvals()
    approvers = [a.user_id for a in approvals]
    approved = {a.task_id for a in approvals}
    if (
        review.revision is None
        or not stages
        or not all(isinstance(stage, ReviewTask) for stage in stages)
        or not all(stage.pk in approved for stage in stages)
        or len(set(approvers)) != len(approvers)
    ):
        return [exceptions.UnreviewedPublishError()]
    if records is None:
        records = review.stage_records()
    # Who edited the content is refused at each approval (``approve_failures``: a save that
    # changes nothing is no authorship); the policy holds the submitter to it again here.
    submitter = review.workflow_state.requested_by_id
    return review_policy_failures(records, {submitter} if submitter else ())


def is_administrator(user):
    """Active, and a superuser or a member of the administrators' role (one query)."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()


def confirm_proposal_failures(proposal, user):
    """Refusals of ``user`` confirming a proposed governance change: an administrator, not the
    one who proposed it, of a proposal still pending."""
    if not is_administrator(user):
        return [exceptions.NotAnAdministratorError()]
    if proposal.status != proposal.Status.PENDING:
        return [exceptions.ProposalDecidedError()]
    if proposal.proposed_by_id == user.pk:
        return [exceptions.OwnProposalError()]
    return []


def reject_proposal_failures(proposal, user):
    """Any administrator may reject a pending proposal, its proposer included (a withdrawal)."""
    if not is_administrator(user):
        return [exceptions.NotAnAdministratorError()]
    if proposal.status != proposal.Status.PENDING:
        return [exceptions.ProposalDecidedError()]
    return []


def grant_failures(user, group_name, added):
    """Refusals of ``user`` granting the group ``group_name`` the permissions ``added``
    ("app_label.codename"): a superuser grants anything; anyone else only what they hold
    themselves, never what only a superuser grants (``roles.SUPERUSER_ONLY_PERMISSIONS``) and
    the administrators' own permissions to no other group."""
    if user.is_superuser:
        return []
    refused = sorted(
        label
        for label in added
        if label in roles.SUPERUSER_ONLY_PERMISSIONS
        or not user.has_perm(label)
        or (label in roles.ADMINISTRATION_PERMISSIONS and group_name != roles.ADMINISTRATORS)
    )
    if refused:
        return [exceptions.PermissionNotGrantableError.of(refused)]
    return []


def takedown_failures(page, user, reason=None):
    """``reason=None``: the reason is not asked yet (the form is about to ask for it)."""
    if not page.live:
        # First: Wagtail's ``can_unpublish`` is false for a page that is not live.
        return [exceptions.NotLiveError()]
    if not page.permissions_for_user(user).can_unpublish():
        return [exceptions.NoPermissionError()]
    if reason is not None and not reason.strip():
        return [exceptions.TakedownReasonRequiredError()]
    return []
