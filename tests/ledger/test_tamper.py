"""The tamper suite (issue 15, finding 4), on PostgreSQL: what someone with the application's
database connection (or the database password) does to the ledger, and how ``verify_ledger``
names the first bad entry. Each case writes the way such a person would: ``bulk_create`` with a
correct hash, raw SQL with the triggers disabled, a chain recomputed end to end. Only the
signing key (held outside the database) is out of their reach, unless a case says otherwise.
"""

import datetime
import json
import os
import shutil
import subprocess
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import connection

from ledger import hashing, signing
from ledger.models import LedgerEntry
from tests import factories
from tests.ledger.conftest import act

pytestmark = pytest.mark.postgres


@pytest.fixture
def anchor_file(settings, tmp_path):
    path = tmp_path / "anchors.jsonl"
    settings.LEDGER_ANCHOR_FILE = str(path)
    yield path
    release_append_only(path)


def release_append_only(path):
    """``chattr -a``, so that the test's temporary directory can be removed."""
    chattr = shutil.which("chattr")
    if chattr and path.exists():
        subprocess.run([chattr, "-a", str(path)], check=False, capture_output=True)  # noqa: S603


@pytest.fixture
def chain(requires_postgres, news_section, staff, review_workflow, anchor_file,
          django_capture_on_commit_callbacks):  # fmt: skip
    """A real review (submission, approval, sign-off, publication) and two more, every committed
    append anchored in ``anchor_file``."""
    reporter, editor, chief = staff
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            article = factories.make_article(news_section, f"Thông báo số {number}", live=False)
            article.save_revision(user=reporter)
            review_workflow.start(article, reporter)
            act(article, editor, "approve", "Đạt")
            act(article, chief, "approve", "Đăng")
    entries = list(LedgerEntry.objects.order_by("seq"))
    assert len(entries) > 10
    return entries


def verify(*args):
    out = StringIO()
    call_command("verify_ledger", *args, stdout=out)
    return out.getvalue()


def fails_at(seq, *args, match=""):
    """``verify_ledger`` names entry ``seq``: by default (a few signature checks) and with
    every signature checked again."""
    for extra in ((), ("--all-signatures",)):
        with pytest.raises(CommandError, match=rf"FAILED at entry #{seq}: {match}") as failure:
            verify(*args, *extra)
    return str(failure.value)


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def triggers_disabled(chain):
    """What the database's owner can do: switch the append-only triggers off."""
    raw("ALTER TABLE editorial_ledgerentry DISABLE TRIGGER USER")
    yield chain
    raw("ALTER TABLE editorial_ledgerentry ENABLE TRIGGER USER")


def _values(entry, **changes):
    values = {name: getattr(entry, name) for name in hashing.HASHED_FIELDS}
    values.update(changes)
    return values


def _forge(after, *, key=None, **changes):
    """An entry chained correctly on ``after`` (right number, link and hash), signed with
    ``key`` (None: no signature), inserted with ``bulk_create`` as application code can."""
    values = _values(after, seq=after.seq + 1, prev_hash=after.entry_hash, source_log="")
    values.update(changes)
    entry_hash = hashing.entry_hash(tuple(values[name] for name in hashing.HASHED_FIELDS))
    signature = key.sign(signing.message(entry_hash)).hex() if key else ""
    LedgerEntry.objects.bulk_create(
        [LedgerEntry(**values, entry_hash=entry_hash, signature=signature)]
    )
    return values["seq"]


def test_the_genuine_chain_verifies_with_its_anchors(chain, anchor_file):
    anchors = [json.loads(line) for line in anchor_file.read_text().splitlines()]
    assert anchors[-1]["seq"] == chain[-1].seq
    assert anchors[-1]["entry_hash"] == chain[-1].entry_hash
    assert signing.verify(anchors[-1]["entry_hash"], anchors[-1]["signature"])
    output = verify("--anchors")
    assert f"Ledger OK: {len(chain)} entries checked." in output
    assert f"Anchors checked: {len(anchors)}." in output
    assert "legacy" not in output
    if shutil.which("chattr") and os.geteuid() == 0:
        # Created append-only (chattr +a): not even its owner can rewrite or truncate it.
        with pytest.raises(PermissionError):
            anchor_file.open("w")
        with anchor_file.open("a") as handle:
            handle.write("")


def test_a_forged_sign_off_appended_by_code_without_the_key_is_named(chain):
    """Finding 4: a ``portal.review.sign_off`` by the chief editor, chained with a correct hash
    by ``bulk_create``, used to pass ``verify_ledger``."""
    last, sign_off = chain[-1], next(e for e in chain if e.action == "portal.review.sign_off")
    forged = _forge(
        last,
        action="portal.review.sign_off",
        **{name: getattr(sign_off, name) for name in ("actor_id", "actor_username", "page_id")},
        created_at=last.created_at + datetime.timedelta(seconds=1),
    )
    fails_at(forged, match=rf"entry #{forged} is not signed")


def test_a_forged_entry_signed_with_another_key_is_named(chain):
    last = chain[-1]
    forged = _forge(
        last,
        key=Ed25519PrivateKey.generate(),
        action="portal.review.verification",
        created_at=last.created_at + datetime.timedelta(seconds=1),
    )
    fails_at(forged, match=rf"entry #{forged} has a signature that the ledger key did not make")


def test_an_entry_backdated_300_days_is_named_even_with_a_valid_signature(chain):
    """Finding 4: a correct hash backdated 300 days passed; times were not checked for order.
    Signed here with the real key: the time check catches it on its own."""
    last = chain[-1]
    backdated = _forge(
        last,
        key=signing.private_key(),
        action="portal.review.verification",
        created_at=last.created_at - datetime.timedelta(days=300),
    )
    fails_at(backdated, match=rf"entry #{backdated} is dated before entry #{backdated - 1}")


def test_a_middle_entry_edited_with_the_triggers_disabled_is_named(triggers_disabled):
    target = triggers_disabled[len(triggers_disabled) // 2]
    raw(
        "UPDATE editorial_ledgerentry SET actor_username = 'truongban' WHERE seq = %s",
        [target.seq],
    )
    fails_at(target.seq, match=rf"entry #{target.seq} was altered")


def test_a_cut_tail_is_named_by_the_anchors(triggers_disabled):
    first_cut = triggers_disabled[-2].seq
    raw("DELETE FROM editorial_ledgerentry WHERE seq >= %s", [first_cut])
    assert "Ledger OK" in verify()  # the chain alone cannot tell its tail is gone
    fails_at(first_cut, "--anchors", match=rf"entry #{first_cut}, anchored at .*, is missing")


def _rewrite_from(seq, *, key=None, comment="viết lại"):
    """Change entry ``seq`` and recompute every hash after it, a consistent chain; signatures
    made with ``key`` (None: the old ones are kept, which no longer match)."""
    raw("UPDATE editorial_ledgerentry SET comment = %s WHERE seq = %s", [comment, seq])
    before = LedgerEntry.objects.filter(seq__lt=seq).order_by("-seq").first()
    prev = before.entry_hash if before else hashing.GENESIS_HASH
    for entry in LedgerEntry.objects.filter(seq__gte=seq).order_by("seq"):
        values = _values(entry, prev_hash=prev)
        new_hash = hashing.entry_hash(tuple(values.values()))
        signature = key.sign(signing.message(new_hash)).hex() if key else entry.signature
        raw(
            "UPDATE editorial_ledgerentry SET prev_hash = %s, entry_hash = %s, signature = %s"
            " WHERE seq = %s",
            [prev, new_hash, signature, entry.seq],
        )
        prev = new_hash


def test_a_full_rewrite_with_a_consistent_hash_chain_is_named(triggers_disabled):
    """Finding 4: rewriting the whole chain with recomputed hashes used to pass."""
    _rewrite_from(1)
    output = fails_at(1, match="entry #1 has a signature that the ledger key did not make")
    assert "0 entries before it are intact" in output


def test_a_rewrite_after_the_last_anchor_is_named(triggers_disabled, settings, staff):
    """Entries appended after the last anchor (the anchor file unreachable, say) and then
    rewritten: their signatures give them away."""
    _reporter, editor, _chief = staff
    settings.LEDGER_ANCHOR_FILE = ""
    from ledger import record

    for number in range(3):
        record("portal.review.verification", actor=editor, comment=f"Xác minh {number}")
    unanchored = triggers_disabled[-1].seq + 1
    _rewrite_from(unanchored + 1, comment="sửa sau mốc cuối")
    fails_at(unanchored + 1, match=rf"entry #{unanchored + 1} has a signature")


def test_a_rewrite_by_the_key_holder_is_named_by_the_anchors(triggers_disabled):
    """With the database password and the signing key the chain can be rewritten and re-signed
    consistently: only what was written outside the database before tells."""
    target = triggers_disabled[len(triggers_disabled) // 2].seq
    _rewrite_from(target, key=signing.private_key())
    assert "Ledger OK" in verify()
    output = fails_at(target, "--anchors", match=rf"entry #{target} is not the entry anchored")
    assert f"rewritten at or before #{target}" in output


def test_signatures_stripped_after_the_cut_over_are_named(triggers_disabled):
    target = triggers_disabled[3].seq
    raw("UPDATE editorial_ledgerentry SET signature = '' WHERE seq >= %s", [target])
    fails_at(target, match=rf"entry #{target} is not signed: every entry from #1 on")


def test_a_sign_off_without_its_review_record_is_named(chain, staff, news_section):
    """Code holding the key (``record``) can still not invent a review: a sign-off entry must
    name a review approval and a publication clearance of that content and person."""
    from ledger import record

    _reporter, _editor, chief = staff
    entry = record(
        "portal.review.sign_off",
        actor=chief,
        page=factories.make_article(news_section, "Bài chưa ai duyệt", live=False),
        content_sha256="cd" * 32,
    )
    fails_at(entry.seq, match=rf"entry #{entry.seq} \(portal.review.sign_off\) names no Review")


def test_a_forged_entry_stays_named_after_genuine_appends_chain_on_it(chain, staff):
    """The next genuine append chains on the forged head (it cannot refuse without stopping the
    review) but does not take it for a legacy entry: no cut-over entry, the forgery named."""
    from ledger import actions, record

    _reporter, editor, _chief = staff
    last = chain[-1]
    forged = _forge(
        last,
        action="portal.review.verification",
        created_at=last.created_at + datetime.timedelta(seconds=1),
    )
    genuine = record("portal.review.verification", actor=editor)
    assert genuine.seq == forged + 1
    assert genuine.extra["unverified_predecessor"] == forged  # checked by the append
    assert not LedgerEntry.objects.filter(action=actions.SIGNING_STARTED).exists()
    fails_at(forged, match=rf"entry #{forged} is not signed: every entry from #1 on")


def test_a_signature_removed_from_a_vouched_entry_is_named_by_all_signatures(triggers_disabled):
    """A later valid signature vouches for the entry's content (the chain), so the default run
    passes; checking every signature again names the entry."""
    target = triggers_disabled[len(triggers_disabled) // 2].seq
    raw("UPDATE editorial_ledgerentry SET signature = '' WHERE seq = %s", [target])
    assert "Ledger OK" in verify()
    with pytest.raises(CommandError, match=rf"FAILED at entry #{target}: entry #{target} is not"):
        verify("--all-signatures")
