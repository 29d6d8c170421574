"""The ledger is append-only in the model and in the database, and its hash chain exposes any
entry that was altered, removed or inserted once the triggers are out of the way."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from ledger import hashing, record, triggers
from ledger.models import LedgerEntry, LedgerImmutableError
from tests import factories


@pytest.fixture
def chain(news_section, staff):
    """A few real entries: members added, an article published, then a direct record."""
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài kiểm tra chuỗi")
    record("portal.review.verify_source", actor=editor, page=article, comment="Đã xác minh")
    return list(LedgerEntry.objects.order_by("seq"))


ENGINE = {"name": "auto"}


@pytest.fixture(autouse=True, params=["auto", "python"])
def engine(request):
    """Every check runs with the default engine (SQL on PostgreSQL) and with Python."""
    ENGINE["name"] = request.param
    yield request.param
    ENGINE["name"] = "auto"


def verify(*args):
    from io import StringIO

    out = StringIO()
    call_command("verify_ledger", *args, "--engine", ENGINE["name"], stdout=out)
    return out.getvalue()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_chain_verifies_and_counts_every_entry(chain):
    assert verify() == f"Ledger OK: {len(chain)} entries checked.\n"


def test_sql_engine_needs_postgres(chain, engine):
    from io import StringIO

    if connection.vendor == "postgresql":
        out = StringIO()
        call_command("verify_ledger", "--engine", "sql", stdout=out)
        assert "Ledger OK" in out.getvalue()
    else:
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            call_command("verify_ledger", "--engine", "sql")


def test_head_is_printed_for_anchoring_and_checked_later(chain):
    output = verify("--head")
    assert f"Head: #{chain[-1].seq} {chain[-1].entry_hash}" in output
    assert "Expected head hash found" in verify("--expect-head", chain[2].entry_hash)


def test_unknown_expected_head_fails(chain):
    with pytest.raises(CommandError, match="expected head hash is not in the chain"):
        verify("--expect-head", "f" * 64)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda e: e.save(),
        lambda e: e.delete(),
        lambda e: LedgerEntry.objects.filter(pk=e.pk).update(comment="sửa"),
        lambda e: LedgerEntry.objects.filter(pk=e.pk).delete(),
        lambda e: LedgerEntry.objects.all().delete(),
        lambda e: LedgerEntry.objects.bulk_update([e], ["comment"]),
    ],
    ids=["save", "delete", "qs-update", "qs-delete", "delete-all", "bulk-update"],
)
def test_orm_refuses_to_change_or_remove_entries(chain, attempt):
    entry = chain[-1]
    entry.comment = "sửa lại lịch sử"
    with pytest.raises(LedgerImmutableError):
        attempt(entry)
    assert LedgerEntry.objects.get(pk=entry.pk).comment == "Đã xác minh"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE editorial_ledgerentry SET comment = 'sửa' WHERE seq = %s",
        "DELETE FROM editorial_ledgerentry WHERE seq = %s",
        "DELETE FROM editorial_ledgerentry WHERE seq >= %s",
    ],
    ids=["update", "delete", "delete-many"],
)
def test_database_refuses_raw_update_and_delete(chain, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(sql, [chain[-1].seq])
    assert LedgerEntry.objects.count() == len(chain)


@pytest.mark.postgres
def test_postgres_refuses_truncate(chain):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("TRUNCATE editorial_ledgerentry")
    assert LedgerEntry.objects.count() == len(chain)


def test_a_fork_is_impossible_even_without_the_lock(chain):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(
            "INSERT INTO editorial_ledgerentry (seq, prev_hash, entry_hash, created_at, action,"
            " actor_username, actor_full_name, actor_roles, actor_title, page_title, page_type,"
            " page_url_path, section_title, source_type, object_type, object_id, object_repr,"
            " content_sha256, stage, comment, ip_address, user_agent, source_log, extra_json)"
            " VALUES (%s, %s, %s, %s, 'x', '', '', '', '', '', '', '', '', '', '', '', '', '', '',"
            " '', '', '', '', '{}')",
            [chain[-1].seq + 1, chain[1].entry_hash, "e" * 64, chain[-1].created_at],
        )


@pytest.fixture
def no_triggers(chain):
    triggers.drop(connection)
    yield chain
    triggers.install(connection)


def test_altered_entry_is_named(no_triggers):
    target = no_triggers[3]
    raw("UPDATE editorial_ledgerentry SET comment = 'ai đó sửa' WHERE seq = %s", [target.seq])
    with pytest.raises(
        CommandError, match=rf"at entry #{target.seq}: entry #{target.seq} was altered"
    ):
        verify()


def test_altered_actor_is_named(no_triggers):
    target = no_triggers[-1]
    raw("UPDATE editorial_ledgerentry SET actor_username = 'khac' WHERE seq = %s", [target.seq])
    with pytest.raises(CommandError, match=rf"#{target.seq} was altered"):
        verify()


def test_removed_entry_is_named(no_triggers):
    target = no_triggers[2]
    raw("DELETE FROM editorial_ledgerentry WHERE seq = %s", [target.seq])
    with pytest.raises(CommandError, match=rf"entry #{target.seq} is missing"):
        verify()


def test_removed_last_entry_is_caught_by_the_anchor(no_triggers):
    anchored = no_triggers[-1]
    raw("DELETE FROM editorial_ledgerentry WHERE seq = %s", [anchored.seq])
    verify()  # the chain alone cannot tell its tail was cut
    with pytest.raises(CommandError, match="expected head hash is not in the chain"):
        verify("--expect-head", anchored.entry_hash)


def _insert_copy(entry, **changes):
    values = {name: getattr(entry, name) for name in hashing.HASHED_FIELDS}
    values.update(changes)
    values["entry_hash"] = changes.get("entry_hash") or hashing.entry_hash(
        tuple(values[n] for n in hashing.HASHED_FIELDS)
    )
    columns = ", ".join(values)
    placeholders = ", ".join(["%s"] * len(values))
    raw(
        f"INSERT INTO editorial_ledgerentry ({columns}) VALUES ({placeholders})",  # noqa: S608
        list(values.values()),
    )


def test_inserted_entry_with_a_forged_hash_is_named(no_triggers):
    last = no_triggers[-1]
    _insert_copy(last, seq=last.seq + 1, prev_hash=last.entry_hash, entry_hash="a" * 64)
    with pytest.raises(CommandError, match=rf"#{last.seq + 1} was altered"):
        verify()


def test_entry_inserted_into_the_middle_is_named(no_triggers):
    # Make room by renumbering the tail, then slip a well-formed entry in.
    target = no_triggers[2]
    raw("UPDATE editorial_ledgerentry SET seq = seq + 1000 WHERE seq >= %s", [target.seq])
    raw("UPDATE editorial_ledgerentry SET seq = seq - 999 WHERE seq >= %s", [target.seq + 1000])
    previous = no_triggers[1]
    # Its real predecessor's hash is already taken (prev_hash is unique): no fork can link to it.
    _insert_copy(
        previous,
        seq=target.seq,
        prev_hash="b" * 64,
        comment="bài chưa từng được duyệt",
        source_log="",
    )
    with pytest.raises(
        CommandError, match=rf"at entry #{target.seq}: entry #{target.seq} does not follow"
    ):
        verify()


def test_rewriting_the_whole_chain_is_caught_by_the_signatures(no_triggers):
    anchor = no_triggers[-1].entry_hash
    raw("UPDATE editorial_ledgerentry SET comment = 'viết lại' WHERE seq = 1")
    # Recompute every hash after the change, as a careful forger would.
    prev = hashing.GENESIS_HASH
    for entry in LedgerEntry.objects.order_by("seq"):
        values = tuple(
            prev if name == "prev_hash" else getattr(entry, name) for name in hashing.HASHED_FIELDS
        )
        new_hash = hashing.entry_hash(values)
        raw(
            "UPDATE editorial_ledgerentry SET prev_hash = %s, entry_hash = %s WHERE seq = %s",
            [prev, new_hash, entry.seq],
        )
        prev = new_hash
    # The rewritten hashes carry no signature of the ledger key: the first one is named.
    with pytest.raises(CommandError, match=r"at entry #1: entry #1 has a signature that the"):
        verify()
    with pytest.raises(CommandError, match="FAILED at entry #1"):
        verify("--expect-head", anchor)
