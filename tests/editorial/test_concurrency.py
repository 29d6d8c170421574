"""Two reviewers acting on the same review step at the same moment: exactly one action takes
effect; the other is told it was already handled. Two real PostgreSQL connections."""

import threading
import time

import pytest
from django.db import connection

from editorial import exceptions
from editorial.models import ReviewApproval
from editorial.signals import editorial_event
from tests import factories
from tests.editorial.helpers import current_task_state, reload, submit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_concurrently(*actions):
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def worker(index, action):
        try:
            barrier.wait()
            action()
            results[index] = "done"
        except exceptions.EditorialRefusal as refusal:
            results[index] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def slow_first_action():
    """Holds the first action's transaction (and row lock) open a moment, so the second
    reviewer's action surely arrives while the first is still in progress."""

    def hold(sender, action, **kwargs):
        time.sleep(0.5)

    editorial_event.connect(hold, dispatch_uid="slow-review-action")
    yield
    editorial_event.disconnect(dispatch_uid="slow-review-action")


@pytest.mark.parametrize("second_action", ["approve", "request_changes"])
def test_two_reviewers_acting_at_once_only_one_takes_effect(
    news_section, slow_first_action, second_action
):
    reporter, editor, _chief = factories.staff()
    other_editor = factories.make_user("btv2", "Biên tập viên")
    page = factories.make_article(news_section, "Duyệt cùng lúc", live=False)
    submit(page, reporter)
    task_state = current_task_state(page)
    task = task_state.task.specific

    results = run_concurrently(
        lambda: task.on_action(task_state, editor, "approve"),
        lambda: task.on_action(task_state, other_editor, second_action, comment="Sửa lại"),
    )

    assert results.count("done") == 1, results
    refusals = [r for r in results if r != "done"]
    assert len(refusals) == 1
    assert isinstance(refusals[0], exceptions.AlreadyHandledError)
    assert ReviewApproval.objects.filter(task_state=task_state).count() <= 1
    state = reload(page).current_workflow_state
    # Whatever won, the step was handled exactly once.
    task_state.refresh_from_db()
    assert task_state.status in ("approved", "rejected")
    assert state is not None
