"""The content version belongs to the database (cms.caching.version, issue 17 finding 1): it
commits and rolls back with the change that bumped it, and what Redis holds never decides it."""

import pytest
from django.core.cache import cache
from django.db import transaction

from cms.caching import version
from cms.models import ContentVersion


@pytest.mark.django_db
def test_a_bump_rolls_back_with_the_change_that_made_it():
    before = version.content_version()[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        version.bump_content_version()
        assert version.content_version()[0] > before  # this transaction sees its own bump
        raise RuntimeError("the change failed")
    version.forget()
    assert version.content_version()[0] == before


@pytest.mark.django_db
def test_the_version_is_the_database_row_whatever_redis_holds(redis_cache):
    version.bump_content_version()
    version.forget()
    current = version.content_version()[0]
    assert current == ContentVersion.objects.get(pk=1).version
    # An old snapshot, or a copy from before a database restore: neither is believed.
    for copy in (current - 5, current + 1_000_000):
        cache.set(version.VERSION_KEY, copy, timeout=None)
        version.forget()
        assert version.content_version()[0] == current


@pytest.mark.django_db
def test_each_bump_is_above_the_time_in_milliseconds_and_the_last_version():
    """A database restored from a backup hands out versions above any used before it."""
    import time

    ContentVersion.objects.filter(pk=1).update(version=5)
    version.bump_content_version()
    version.forget()
    assert version.content_version()[0] >= int(time.time() * 1000) - 1000
    ContentVersion.objects.filter(pk=1).update(version=10**15)
    version.bump_content_version()
    version.forget()
    assert version.content_version()[0] == 10**15 + 1
