"""Editorial actions: one class per verb, each with ``check()`` and ``execute()``.

Every change of review state goes through one of these, whoever calls it (the admin's workflow
dialogs through ``ReviewTask.on_action``, the takedown view, the source-verification form, the
finish action Wagtail calls, the demo, commands and tests). Their refusals come from one
rulebook, ``editorial.rules``.

| verb | action | module |
| --- | --- | --- |
| submit for review | ``SubmitForReview`` | ``submit`` |
| approve a stage / sign off | ``ApproveStage`` | ``approve`` |
| request changes | ``RequestChanges`` | ``request_changes`` |
| reject | ``Reject`` | ``reject`` |
| publish what was signed off | ``PublishSignedOff`` | ``publish`` |
| restart review when content changes | ``RestartReview`` | ``restart`` |
| take down | ``TakeDown`` | ``takedown`` |
| verify a social-network source | ``VerifySource`` | ``verify_source`` |

Import direction: imports ``editorial``'s models, rules, content hashing, signals and
notifications, and ``cms``; nothing imports the actions but callers.
"""

from editorial.actions.approve import ApproveStage
from editorial.actions.publish import PublishSignedOff
from editorial.actions.reject import Reject
from editorial.actions.request_changes import RequestChanges
from editorial.actions.restart import RestartReview
from editorial.actions.submit import SubmitForReview
from editorial.actions.takedown import TakeDown
from editorial.actions.verify_source import VerifySource

__all__ = [
    "ApproveStage",
    "PublishSignedOff",
    "Reject",
    "RequestChanges",
    "RestartReview",
    "SubmitForReview",
    "TakeDown",
    "VerifySource",
]
