"""Every entry is signed with a key held outside the database; entries from before signing
verify as legacy only up to the cut-over; the signed head is public; production does not start
without the key."""

import datetime
import os
import subprocess
import sys
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from ledger import actions, hashing, record, signing
from ledger.models import LedgerEntry


def verify(*args):
    out = StringIO()
    call_command("verify_ledger", *args, stdout=out)
    return out.getvalue()


def _legacy(count):
    """Entries as the code before signing wrote them: chained, hashed, no signature."""
    prev, start = hashing.GENESIS_HASH, timezone.now() - datetime.timedelta(days=30)
    entries = []
    for seq in range(1, count + 1):
        values = dict.fromkeys(hashing.CONTENT_FIELDS, "")
        values.update(
            seq=seq,
            prev_hash=prev,
            created_at=start + datetime.timedelta(hours=seq),
            action="wagtail.publish",
            actor_id=None,
            page_id=None,
            section_id=None,
            revision_id=None,
            extra_json="{}",
        )
        entry_hash = hashing.entry_hash(tuple(values[name] for name in hashing.HASHED_FIELDS))
        entries.append(LedgerEntry(**values, entry_hash=entry_hash))
        prev = entry_hash
    LedgerEntry.objects.bulk_create(entries)


def test_every_appended_entry_carries_a_valid_signature(db):
    entry = record("portal.review.verification", actor=None, comment="Đã xác minh")
    assert entry.signature == LedgerEntry.objects.get(seq=entry.seq).signature
    assert signing.verify(entry.entry_hash, entry.signature)
    # Independently of ledger.signing: RFC 8032's first test vector is the test key.
    public = Ed25519PublicKey.from_public_bytes(
        bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    )
    public.verify(
        bytes.fromhex(entry.signature), b"portal-ledger-entry-v1:" + entry.entry_hash.encode()
    )


def test_legacy_entries_verify_up_to_the_cut_over_and_never_after(db):
    assert not LedgerEntry.objects.exists()
    _legacy(3)
    assert "Unsigned legacy entries: 3 (signing has not started yet)." in verify()

    entry = record("portal.review.verification", actor=None)
    marker = LedgerEntry.objects.get(seq=4)
    assert (marker.action, entry.seq) == (actions.SIGNING_STARTED, 5)
    assert marker.extra["legacy_entries"] == 3
    assert marker.extra["public_key"] == signing.public_key_hex()
    output = verify()
    assert "Ledger OK: 5 entries checked." in output
    assert "Unsigned legacy entries: 3 (before the cut-over at entry #4)." in output

    # An unsigned entry after the cut-over, chained correctly: not legacy.
    values = {name: getattr(entry, name) for name in hashing.HASHED_FIELDS}
    values.update(seq=6, prev_hash=entry.entry_hash, source_log="", comment="giả")
    entry_hash = hashing.entry_hash(tuple(values.values()))
    LedgerEntry.objects.bulk_create([LedgerEntry(**values, entry_hash=entry_hash)])
    with pytest.raises(
        CommandError, match=r"at entry #6: entry #6 is not signed: every entry from #4"
    ):
        verify()


def test_the_signed_head_is_public(client, db, settings, django_assert_num_queries):
    # Warm: the content version (kept for a minute here, so it is not read again mid-test) and
    # the request's site. The append below bumps nothing readers see: the lookups stay warm.
    settings.PORTAL_CONTENT_VERSION_MAX_AGE = 60
    client.get("/api/v1/ledger/head/")
    entry = record("portal.review.verification", actor=None)
    # The head alone, read each time (never cached).
    with django_assert_num_queries(1):
        response = client.get("/api/v1/ledger/head/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    head = response.json()
    assert (head["seq"], head["count"], head["entry_hash"]) == (
        entry.seq,
        entry.seq,
        entry.entry_hash,
    )
    assert head["algorithm"] == "Ed25519"
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(head["public_key"]))
    public.verify(bytes.fromhex(head["signature"]), head["signed_message"].encode())
    assert head["signed_message"] == f"portal-ledger-entry-v1:{entry.entry_hash}"
    assert client.post("/api/v1/ledger/head/").status_code == 405


def test_development_generates_a_key_file_on_first_use(settings, tmp_path):
    settings.LEDGER_SIGNING_KEY = ""
    settings.LEDGER_SIGNING_KEY_FILE = str(tmp_path / "var" / "ledger-signing.key")
    settings.LEDGER_SIGNING_KEY_GENERATE = True
    key = signing.private_key()
    path = tmp_path / "var" / "ledger-signing.key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert signing.parse_private_key(path.read_text()).public_key() == key.public_key()


def test_without_a_key_and_without_generation_nothing_is_signed(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.LEDGER_SIGNING_KEY = ""
    settings.LEDGER_SIGNING_KEY_FILE = str(tmp_path / "missing.key")
    settings.LEDGER_SIGNING_KEY_GENERATE = False
    with pytest.raises(ImproperlyConfigured, match="LEDGER_SIGNING_KEY"):
        signing.private_key()
    settings.LEDGER_SIGNING_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured, match="64 hex digits"):
        signing.private_key()


def _production(**env):
    base = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.production",
        "SECRET_KEY": "p" * 64,
        "ALLOWED_HOSTS": "portal.example.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "PYTHONPATH": str(django_settings.BASE_DIR),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_the_signing_key(tmp_path):
    refused = _production()
    assert refused.returncode != 0
    assert "LEDGER_SIGNING_KEY" in refused.stderr
    assert "khóa ký nhật ký" in refused.stderr
    key_file = tmp_path / "ledger.key"
    key_file.write_text(signing.new_key_text())
    assert _production(LEDGER_SIGNING_KEY_FILE=str(key_file)).stdout.strip() == "started"


def test_ledger_key_generates_a_key_file_once(tmp_path):
    path = tmp_path / "ledger.key"
    out = StringIO()
    call_command("ledger_key", "--generate", str(path), stdout=out)
    assert path.stat().st_mode & 0o777 == 0o600
    public = signing.public_key_hex(signing.parse_private_key(path.read_text()).public_key())
    assert f"Public key: {public}" in out.getvalue()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("ledger_key", "--generate", str(path))
