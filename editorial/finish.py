"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: Wagtail imports this while defining its models, so it
imports nothing at module level (see ``editorial.actions.publish``)."""


def publish_signed_off(workflow_state, user=None):
    from editorial.actions import PublishSignedOff

    return PublishSignedOff.for_workflow_state(workflow_state, user=user).execute()
