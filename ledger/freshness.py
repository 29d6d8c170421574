"""Approvals by freshly empowered accounts, flagged for auditors (issue 15).

An approval (or sign-off) is flagged when its approver's account was created, or was given a
role, less than ``EDITORIAL_FRESH_APPROVER_DAYS`` (default 7) before the approval, or when the
account was created or given a role by someone who submitted the article (a sock puppet). Read
from the ledger (``portal.access.member_add`` entries, and ``portal.governance.confirm`` entries
whose change gives the account groups, counted as the proposer's doing) and from the accounts'
creation (Wagtail's ``wagtail.create`` log of the user, and ``date_joined``): the approval trail,
the ledger report and the periodic report show the same flags.

``approver_flags(entries)`` answers ``{entry.seq: [flag, ...]}`` for the approval entries among
``entries`` in a fixed number of queries (four), whatever their number.

Import direction: ``ledger`` imports nothing of ``editorial``; the window is a setting.
"""

import json
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from ledger import actions

NEW_ACCOUNT = "new_account"
NEW_ROLE = "new_role"
BY_AUTHOR = "empowered_by_author"
GOVERNANCE_CONFIRM = "portal.governance.confirm"

LABELS = {
    NEW_ACCOUNT: _("account created shortly before this approval"),
    NEW_ROLE: _("role given shortly before this approval"),
    BY_AUTHOR: _("account created or given its role by the article's author"),
}


def window():
    return timedelta(days=getattr(settings, "EDITORIAL_FRESH_APPROVER_DAYS", 7))


def _grants(actor_ids):
    """{user id: [(when, granted by)]}: every group given to each of ``actor_ids``."""
    from ledger.models import LedgerEntry

    grants = defaultdict(list)
    ids = {str(pk) for pk in actor_ids}
    for created_at, granter, extra_json in LedgerEntry.objects.filter(
        action=actions.MEMBER_ADD
    ).values_list("created_at", "actor_id", "extra_json"):
        extra = json.loads(extra_json or "{}")
        member = str(((extra or {}).get("member") or {}).get("id", ""))
        if member in ids:
            grants[int(member)].append((created_at, granter))
    for created_at, extra_json in LedgerEntry.objects.filter(action=GOVERNANCE_CONFIRM).values_list(
        "created_at", "extra_json"
    ):
        extra = json.loads(extra_json or "{}")
        proposer = ((extra or {}).get("proposed_by") or {}).get("id")
        for key, value in ((extra or {}).get("after") or {}).items():
            kind, _sep, pk = key.partition(":")
            if kind == "user" and pk in ids and value and value.get("groups"):
                grants[int(pk)].append((created_at, proposer))
    return grants


def approver_flags(entries):
    from wagtail.models import ModelLogEntry

    from ledger.models import LedgerEntry

    approvals = [
        entry for entry in entries if entry.action in actions.APPROVAL_ACTIONS and entry.actor_id
    ]
    if not approvals:
        return {}
    actor_ids = {entry.actor_id for entry in approvals}
    page_ids = {entry.page_id for entry in approvals if entry.page_id}
    User = get_user_model()
    joined = dict(User.objects.filter(pk__in=actor_ids).values_list("pk", "date_joined"))
    creators = {
        int(object_id): creator
        for object_id, creator in ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            action="wagtail.create",
            object_id__in=[str(pk) for pk in actor_ids],
        ).values_list("object_id", "user_id")
    }
    submitters = defaultdict(set)
    for page_id, actor_id in LedgerEntry.objects.filter(
        page_id__in=page_ids, action__in=actions.SUBMIT_ACTIONS
    ).values_list("page_id", "actor_id"):
        if actor_id:
            submitters[page_id].add(actor_id)
    grants = _grants(actor_ids)
    fresh = window()
    flags = {}
    for entry in approvals:
        found = []
        when = entry.created_at
        authors = submitters.get(entry.page_id, set())
        date_joined = joined.get(entry.actor_id)
        if date_joined is not None and timedelta(0) <= when - date_joined < fresh:
            found.append(NEW_ACCOUNT)
        earlier = [(at, granter) for at, granter in grants.get(entry.actor_id, ()) if at <= when]
        if any(when - at < fresh for at, _granter in earlier):
            found.append(NEW_ROLE)
        if creators.get(entry.actor_id) in authors or any(
            granter in authors for _at, granter in earlier
        ):
            found.append(BY_AUTHOR)
        if found:
            flags[entry.seq] = found
    return flags


def labels(flags):
    return [str(LABELS[flag]) for flag in flags]
