"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: Wagtail imports this while defining its models, so it
imports nothing at module level (see ``editorial.review.publish_signed_off``)."""


def publish_signed_off(workflow_state, user=None):
    from editorial.review import publish_signed_off as publish

    return publish(workflow_state, user=user)
