"""Appending: one definition of an entry's fields and hashed bytes, the same entries from the
PostgreSQL function and the Python path, and a hash that matches a vector written down here."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from wagtail.models import Page

from editorial import roles
from editorial.models import StaffProfile
from ledger import hashing, record, verify
from ledger.append import _chain, _head_python, append, entry_fields, hash_sql
from ledger.models import LedgerEntry
from tests import factories

# An entry's fields in hash order, and the preimage and hash they must give, written down once
# (the hash by `printf '%s' PREIMAGE | sha256sum`), not computed by the code under test.
VECTOR = {
    "seq": 1,
    "prev_hash": "0" * 64,
    "created_at": datetime.datetime(
        2026, 11, 23, 11, 5, 6, 789012, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    ),
    "action": "portal.review.approve",
    "actor_id": 7,
    "actor_username": "bientap",
    "actor_full_name": "Nguyễn Văn Biên",
    "actor_roles": "Biên tập viên",
    "actor_title": "",
    "page_id": 42,
    "page_type": "cms.articlepage",
    "page_title": "Phường tổ chức hội nghị",
    "page_url_path": "/home/tin-tuc/hoi-nghi/",
    "section_id": 5,
    "section_title": "Tin tức - Sự kiện",
    "source_type": "original",
    "object_type": "",
    "object_id": "",
    "object_repr": "",
    "revision_id": None,
    "content_sha256": "ab" * 32,
    "stage": "Biên tập viên duyệt",
    "comment": "Đạt",
    "ip_address": "203.0.113.9",
    "user_agent": "Mozilla/5.0",
    "source_log": "page:99",
    "extra_json": '{"n":1}',
}
VECTOR_PREIMAGE = (
    "1:1"
    "64:0000000000000000000000000000000000000000000000000000000000000000"
    "27:2026-11-23T04:05:06.789012Z"
    "21:portal.review.approve"
    "1:7"
    "7:bientap"
    "19:Nguyễn Văn Biên"
    "17:Biên tập viên"
    "0:"
    "2:42"
    "15:cms.articlepage"
    "34:Phường tổ chức hội nghị"
    "23:/home/tin-tuc/hoi-nghi/"
    "1:5"
    "23:Tin tức - Sự kiện"
    "8:original"
    "0:0:0:0:"
    "64:abababababababababababababababababababababababababababababababab"
    "25:Biên tập viên duyệt"
    "6:Đạt"
    "11:203.0.113.9"
    "11:Mozilla/5.0"
    "7:page:99"
    '7:{"n":1}'
).encode()
VECTOR_HASH = "7fd2e53383ce42ac173b375e2d5027cf9eabf573865cd3cf941f153a5e0cbbea"


def _independent_hash(entry):
    """The hash of a stored entry as the written-down rule says, without ``ledger.hashing``."""
    import hashlib

    parts = []
    for name in VECTOR:
        value = getattr(entry, name)
        if value is None:
            text = ""
        elif isinstance(value, datetime.datetime):
            text = value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
            text = text.replace("+00:00", "Z")
        else:
            text = str(value)
        data = text.encode()
        parts.append(f"{len(data)}:".encode() + data)
    return hashlib.sha256(b"".join(parts)).hexdigest()


def test_the_hash_of_the_written_down_vector():
    values = tuple(VECTOR.values())
    assert tuple(VECTOR) == hashing.HASHED_FIELDS
    assert hashing.preimage(values) == VECTOR_PREIMAGE
    assert hashing.entry_hash(values) == VECTOR_HASH
    content = hashing.content_preimage(VECTOR)
    assert VECTOR_PREIMAGE.endswith(content)
    assert hashing.chained_hash(1, "0" * 64, VECTOR["created_at"], content) == VECTOR_HASH


@pytest.mark.postgres
def test_postgresql_hashes_the_written_down_vector_alike(db):
    columns = ", ".join(f"%s AS {name}" for name in VECTOR)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {hash_sql()} FROM (SELECT {columns}) AS entry",  # noqa: S608
            [
                *[VECTOR["seq"], VECTOR["prev_hash"], VECTOR["created_at"]],
                *[VECTOR[name] for name in hashing.CONTENT_FIELDS],
            ],
        )
        assert cursor.fetchone()[0] == VECTOR_HASH


def test_an_append_is_four_queries(news_section, staff, django_assert_num_queries):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài đo số truy vấn", live=False)
    revision = article.save_revision(user=editor)
    # The actor's roles and title; the section; the head (on PostgreSQL with the append lock,
    # in one call); the insert. The hash and its signature are made in Python between the last
    # two: the signing key never reaches the database (one query more than before signing).
    with django_assert_num_queries(4):
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


def test_appended_entry_is_what_is_stored_and_hashes_as_written_down(news_section, staff):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài", live=False)
    entry = record("portal.review.verification", actor=editor, page=article, extra={"n": 1})
    stored = LedgerEntry.objects.get(seq=entry.seq)
    for name in (*hashing.HASHED_FIELDS, "entry_hash"):
        assert getattr(entry, name) == getattr(stored, name), name
    assert stored.entry_hash == _independent_hash(stored)
    assert stored.extra_json == '{"n":1}'
    previous = LedgerEntry.objects.get(seq=entry.seq - 1)
    assert entry.prev_hash == previous.entry_hash
    assert entry.created_at >= previous.created_at


def test_copied_facts_follow_the_written_down_rules(home, news_section, db):
    """Roles: editorial roles in their fixed order, else every group name in code point order;
    the job title; the deepest section; the source type even from a plain Page instance."""
    actor = factories.make_user(
        "nhieuvaitro", roles.CHIEF_EDITORS, first_name="Lan", last_name="Trần"
    )
    actor.groups.add(
        Group.objects.get(name=roles.REPORTERS),
        Group.objects.create(name="Ủy ban"),
        Group.objects.create(name="Ban tuyên giáo"),
    )
    StaffProfile.objects.create(user=actor, title="Phó trưởng ban biên tập")
    outsider = factories.make_user("ngoai", first_name="Minh", last_name="Lê")
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
        record("portal.review.verification", actor=who, page=page)

    entries = list(LedgerEntry.objects.order_by("-seq")[:4])[::-1]
    as_actor = {
        "actor_id": actor.pk,
        "actor_username": "nhieuvaitro",
        "actor_full_name": "Lan Trần",
        "actor_roles": f"{roles.REPORTERS}, {roles.CHIEF_EDITORS}",
        "actor_title": "Phó trưởng ban biên tập",
    }
    on_article = {
        "page_id": article.pk,
        "page_type": "cms.articlepage",
        "page_title": "Tin từ Zalo",
        "page_url_path": article.url_path,
        "section_id": subsection.pk,
        "section_title": "Tin xã",
        "source_type": "social_network",
    }
    expected = [
        {**as_actor, **on_article},
        {
            "actor_id": outsider.pk,
            "actor_username": "ngoai",
            "actor_full_name": "Minh Lê",
            "actor_roles": "Đoàn, Ủy ban",
            "actor_title": "",
            **on_article,
        },
        {
            "actor_id": None,
            "actor_username": "",
            "actor_full_name": "",
            "actor_roles": "",
            "actor_title": "",
            "page_id": None,
            "page_type": "",
            "page_title": "",
            "page_url_path": "",
            "section_id": None,
            "section_title": "",
            "source_type": "",
        },
        {
            **as_actor,
            "page_id": home.pk,
            "page_type": home.specific_class._meta.label_lower,
            "page_title": home.title,
            "page_url_path": home.url_path,
            "section_id": None,
            "section_title": "",
            "source_type": "",
        },
    ]
    for entry, facts in zip(entries, expected, strict=True):
        assert {name: getattr(entry, name) for name in facts} == facts, entry.seq
        assert entry.entry_hash == _independent_hash(entry)


def test_the_python_path_and_the_database_path_store_the_same_entries(news_section, staff):
    """The bulk appender and, on PostgreSQL, the head read under the append lock give the
    entries the ORM's head read gives: same fields, same hashing rule, one unbroken chain."""
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài hàng loạt", live=False)
    record("portal.review.submit", actor=editor, page=article)
    # Not a review action: the verification asks review entries for their review records.
    rows = [
        entry_fields(
            "portal.review.verification",
            actor={
                "actor_id": editor.pk,
                "actor_username": "bientap",
                "actor_full_name": "",
                "actor_roles": roles.EDITORS,
                "actor_title": "",
            },
            page={
                "page_id": article.pk,
                "page_type": "cms.articlepage",
                "page_title": "Bài hàng loạt",
                "page_url_path": article.url_path,
            },
            section={
                "section_id": news_section.pk,
                "section_title": news_section.title,
                "source_type": "original",
            },
            stage="x" * 300,
            extra={"n": index, "at": datetime.date(2026, 1, 2)},
        )
        for index in range(3)
    ]
    by_database = append(rows[:2])
    assert append(rows[2:], returning=False) == 1
    # The same chaining step after a head read by the ORM (as on SQLite).
    with transaction.atomic():
        by_python = _chain(_head_python(connection), rows[:1], [hashing.content_preimage(rows[0])])
        LedgerEntry.objects.bulk_create(by_python)
    stored = list(LedgerEntry.objects.order_by("-seq")[:4])[::-1]
    assert [e.seq for e in stored] == [by_database[0].seq + n for n in range(4)]
    assert stored[3].seq == by_python[0].seq
    for entry in stored:
        assert entry.entry_hash == _independent_hash(entry)
        assert entry.stage == "x" * 255
    assert {name: getattr(stored[0], name) for name in hashing.CONTENT_FIELDS} == {
        name: getattr(stored[3], name) for name in hashing.CONTENT_FIELDS
    }
    assert stored[1].extra_json == '{"at":"2026-01-02","n":1}'
    assert verify.verify().ok


@pytest.mark.postgres
def test_append_function_is_reinstalled_by_migrate(db):
    from django.core.management import call_command

    from ledger import append

    append.drop(connection)
    call_command("migrate", "editorial", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = %s", [append.HEAD_FUNCTION])
        assert cursor.fetchone() == (1,)
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = %s", [append.FUNCTION])
        assert cursor.fetchone() is None  # the unsigned chaining function of before is gone
