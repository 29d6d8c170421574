"""Review steps as the admin performs them, for tests (real task objects, real rules)."""

from wagtail.models import Page


def submit(page, user):
    page = page.specific
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def current_task_state(page):
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    return state.current_task_state.specific if state and state.current_task_state else None


def act(page, user, action, comment="", **kwargs):
    """``kwargs`` go to the task's ``on_action`` (e.g. ``acknowledged_warnings``)."""
    task_state = current_task_state(page)
    task_state.task.specific.on_action(task_state, user, action, comment=comment, **kwargs)
    return task_state


def reload(page):
    return Page.objects.get(pk=page.pk).specific
