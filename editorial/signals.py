"""One signal per editorial event, for the ledger (and anything else) to subscribe to.

``editorial_event`` is sent with keyword arguments:
``action`` (one of ``ACTIONS``), ``actor`` (a user or None for the system), ``page``,
``revision`` (or None), ``content_hash`` (or ""), ``stage`` (a Task or None), ``comment``
(the reviewer's comment, the takedown reason, or ""), ``request`` (or None) and ``extra`` (a dict).
"""

from django.dispatch import Signal

editorial_event = Signal()

ACTIONS = (
    "submit",
    "approve",
    "request_changes",
    "reject",
    "sign_off",
    "review_restart",
    "publish",
    "publish_refused",
    "unpublish",
    "takedown",
    "revert",
    "copy",
    "move",
    "delete",
    "verification",
)


def emit(
    action,
    *,
    page,
    actor=None,
    revision=None,
    content_hash="",
    stage=None,
    comment="",
    request=None,
    **extra,
):
    editorial_event.send(
        sender=type(page) if page is not None else None,
        action=action,
        actor=actor,
        page=page,
        revision=revision,
        content_hash=content_hash,
        stage=stage,
        comment=comment,
        request=request,
        extra=extra,
    )
