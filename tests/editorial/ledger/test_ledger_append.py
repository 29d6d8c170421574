"""Appending an entry: one database round trip on PostgreSQL, and the same copied facts as the
Python path computes."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page

from editorial import roles
from editorial.ledger import actor_facts, hashing, page_facts, record, section_facts
from editorial.models import LedgerEntry, StaffProfile
from tests import factories


def test_an_append_is_one_round_trip_on_postgresql(news_section, staff, django_assert_num_queries):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài đo số truy vấn", live=False)
    revision = article.save_revision(user=editor)
    # Lock, actor's roles and title, section, source type, head, hash and insert: one call.
    # SQLite: actor, section, head, insert.
    expected = 1 if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(expected):
        entry = record(
            "portal.review.approve",
            actor=editor,
            page=article,
            revision=revision.pk,
            content_sha256="ab" * 32,
            stage="Biên tập viên duyệt",
            comment="Đạt",
        )
    assert entry == LedgerEntry.objects.order_by("-seq").first()
    assert (entry.actor_roles, entry.section_title, entry.source_type) == (
        roles.EDITORS,
        "Tin tức - Sự kiện",
        "original",
    )


def test_appended_entry_is_what_is_stored_and_hashes_as_verify_recomputes(news_section, staff):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài", live=False)
    entry = record("portal.review.verification", actor=editor, page=article, extra={"n": 1})
    stored = LedgerEntry.objects.get(seq=entry.seq)
    for name in (*hashing.HASHED_FIELDS, "entry_hash"):
        assert getattr(entry, name) == getattr(stored, name), name
    assert entry.entry_hash == hashing.entry_hash(
        tuple(getattr(stored, name) for name in hashing.HASHED_FIELDS)
    )
    previous = LedgerEntry.objects.get(seq=entry.seq - 1)
    assert entry.prev_hash == previous.entry_hash
    assert entry.created_at >= previous.created_at


def test_copied_facts_match_the_python_rules(home, news_section, db):
    """Roles: editorial roles in their fixed order, else every group name in code point order;
    the job title; the deepest section; the source type even from a plain Page instance."""
    actor = factories.make_user("nhieuvaitro", roles.CHIEF_EDITORS)
    actor.groups.add(
        Group.objects.get(name=roles.REPORTERS),
        Group.objects.create(name="Ủy ban"),
        Group.objects.create(name="Ban tuyên giáo"),
    )
    StaffProfile.objects.create(user=actor, title="Phó trưởng ban biên tập")
    outsider = factories.make_user("ngoai")
    outsider.groups.add(Group.objects.create(name="Đoàn"), Group.objects.get(name="Ủy ban"))
    subsection = factories.make_section(news_section, "Tin xã")
    article = factories.make_article(
        subsection,
        "Tin từ Zalo",
        live=False,
        source_type="social_network",
        source_url="https://zalo.me/p/1",
    )
    plain = Page.objects.get(pk=article.pk)

    for who, page in [(actor, plain), (outsider, article), (None, None), (actor, home)]:
        entry = record("portal.review.verification", actor=who, page=page)
        expected = actor_facts(who)
        if page is not None:
            expected.update(page_facts(page))
            expected.update(section_facts(page))
        for name, value in expected.items():
            assert getattr(entry, name) == value, (name, who, page)

    entries = list(LedgerEntry.objects.order_by("-seq")[:4])[::-1]
    assert entries[0].actor_roles == f"{roles.REPORTERS}, {roles.CHIEF_EDITORS}"
    assert entries[0].actor_title == "Phó trưởng ban biên tập"
    assert (entries[0].section_title, entries[0].source_type) == ("Tin xã", "social_network")
    assert entries[1].actor_roles == "Đoàn, Ủy ban"
    assert (entries[2].actor_roles, entries[2].section_id, entries[2].page_id) == ("", None, None)
    assert (entries[3].section_id, entries[3].source_type) == (None, "")


@pytest.mark.postgres
def test_append_function_is_reinstalled_by_migrate(db):
    from django.core.management import call_command

    from editorial.ledger import append

    append.drop(connection)
    call_command("migrate", "editorial", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = %s", [append.FUNCTION])
        assert cursor.fetchone() == (1,)
