"""The ledger's signing key: Ed25519, held outside the database.

Every entry stores ``sign(entry_hash)``: the signature of its hash, which covers its number, the
previous entry's hash, its time and every content field (``ledger.hashing``). Whoever can write
to the database but does not hold the key can insert rows, recompute hashes and rewrite the
chain, but cannot produce a signature that ``verify_ledger`` accepts (docs/ledger.md).

Where the key comes from (settings, read when first needed, never at import):

- ``LEDGER_SIGNING_KEY``: the key itself, 64 hex digits of the private seed or a PEM (PKCS #8);
- ``LEDGER_SIGNING_KEY_FILE``: a file holding it; with ``LEDGER_SIGNING_KEY_GENERATE``
  (development) a missing file is created with a new key (mode 0600).

Production refuses to start without one (``portal_site.settings.production``).
``LEDGER_RETIRED_PUBLIC_KEYS`` lists the hex public keys of earlier keys after a rotation.
"""

import contextlib
import functools
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "Ed25519"
# What an entry's signature covers: a domain label and the entry's hash (hex, as stored).
ENTRY_LABEL = b"portal-ledger-entry-v1:"


def message(entry_hash):
    return ENTRY_LABEL + entry_hash.encode()


def parse_private_key(text):
    """A private key from 64 hex digits (the seed) or a PEM."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("The ledger signing key must be an Ed25519 key.")
        return key
    try:
        seed = bytes.fromhex(text)
    except ValueError:
        seed = b""
    if len(seed) != 32:
        raise ImproperlyConfigured(
            "The ledger signing key must be 64 hex digits (an Ed25519 seed) or a PEM. "
            "/ Khóa ký nhật ký phải gồm 64 chữ số hex (Ed25519) hoặc ở dạng PEM."
        )
    return Ed25519PrivateKey.from_private_bytes(seed)


def new_key_text():
    seed = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return seed.hex()


def write_new_key(path):
    """Create ``path`` with a new key, readable by its owner only; refuses to overwrite."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(new_key_text() + "\n")
    return path


@functools.cache
def _load(key_text, key_file, generate):
    if key_text:
        return parse_private_key(key_text)
    if key_file:
        path = Path(key_file)
        if not path.exists() and generate:
            # Another process may have created it first.
            with contextlib.suppress(FileExistsError):
                write_new_key(path)
        if path.exists():
            return parse_private_key(path.read_text())
    raise ImproperlyConfigured(
        "The ledger has no signing key: set LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE. "
        "/ Nhật ký duyệt bài chưa có khóa ký: cần đặt LEDGER_SIGNING_KEY hoặc "
        "LEDGER_SIGNING_KEY_FILE."
    )


def private_key():
    return _load(
        settings.LEDGER_SIGNING_KEY,
        settings.LEDGER_SIGNING_KEY_FILE,
        settings.LEDGER_SIGNING_KEY_GENERATE,
    )


def public_key_hex(key=None):
    key = key or private_key().public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def sign(entry_hash):
    """The hex signature of an entry's hash."""
    return private_key().sign(message(entry_hash)).hex()


def public_keys():
    """Every key whose signatures verify: the current one, then retired ones."""
    keys = [private_key().public_key()]
    for text in settings.LEDGER_RETIRED_PUBLIC_KEYS:
        keys.append(Ed25519PublicKey.from_public_bytes(bytes.fromhex(text)))
    return keys


def raw_public_keys():
    """The public keys as raw bytes (picklable, for verification in worker processes)."""
    return [bytes.fromhex(public_key_hex(key)) for key in public_keys()]


def verify_with(keys, entry_hash, signature):
    """Whether ``signature`` (hex) of ``entry_hash`` verifies with one of ``keys``."""
    try:
        raw = bytes.fromhex(signature)
    except ValueError:
        return False
    data = message(entry_hash)
    for key in keys:
        try:
            key.verify(raw, data)
            return True
        except InvalidSignature:
            continue
    return False


def verify(entry_hash, signature):
    return verify_with(public_keys(), entry_hash, signature)
