"""A document made login-only leaves the cached public API at once (the defect of the hand-kept
invalidation list, which missed CollectionViewRestriction), with the API response cache on in
the shared Redis cache."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import PortalDocument
from tests import factories


@pytest.fixture
def api_cache_on(shared_redis_cache, settings):
    settings.PORTAL_API_RESPONSE_CACHE = True
    return shared_redis_cache


@pytest.fixture
def internal_document(db):
    collection = Collection.get_first_root_node().add_child(name="Văn bản nội bộ")
    return PortalDocument.objects.create(
        title="Kế hoạch nội bộ",
        file=ContentFile(b"%PDF-1.4 test", name="ke-hoach.pdf"),
        collection=collection,
    )


def listed_ids(client):
    response = client.get("/api/v1/documents/")
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def test_a_document_made_login_only_in_the_admin_leaves_the_cached_api_at_once(
    api_cache_on, client, internal_document, django_assert_num_queries
):
    assert listed_ids(client) == [internal_document.pk]
    with django_assert_num_queries(0):  # served from the response cache
        assert listed_ids(client) == [internal_document.pk]

    admin = factories.make_user("quantri", superuser=True)
    client.force_login(admin)
    privacy_url = reverse(
        "wagtailadmin_collections:set_privacy", args=[internal_document.collection_id]
    )
    response = client.post(privacy_url, {"restriction_type": CollectionViewRestriction.LOGIN})
    assert response.status_code == 200
    assert CollectionViewRestriction.objects.filter(
        collection=internal_document.collection
    ).exists()
    client.logout()

    assert listed_ids(client) == []
    assert client.get(f"/api/v1/documents/{internal_document.pk}/").status_code == 404

    client.force_login(admin)
    client.post(privacy_url, {"restriction_type": CollectionViewRestriction.NONE})
    client.logout()
    assert listed_ids(client) == [internal_document.pk]


def test_a_restriction_on_a_parent_collection_or_its_groups_changing_is_seen_at_once(
    api_cache_on, client, internal_document
):
    from django.contrib.auth.models import Group

    assert listed_ids(client) == [internal_document.pk]
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.GROUPS,
    )
    assert listed_ids(client) == []
    restriction.delete()
    assert listed_ids(client) == [internal_document.pk]
    # Moving the document to another collection is a change of the document itself.
    internal_document.collection = Collection.get_first_root_node()
    internal_document.save()
    assert listed_ids(client) == [internal_document.pk]
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.GROUPS,
    )
    restriction.groups.add(Group.objects.create(name="Cán bộ"))
    assert listed_ids(client) == []
