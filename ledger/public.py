"""The ledger's public head: ``GET /api/v1/ledger/head/`` (no login), so that anyone can pin it.

Answers the head entry's number, hash, time and its Ed25519 signature by the ledger's key, with
the public key that verifies it and the exact bytes signed: a copy kept by a reader, a journalist
or the inspectorate proves later that the ledger then held that entry, whoever controls the
database since. Nothing else of the ledger is public. One query; not cached (the head moves with
every append).
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from ledger import hashing, signing
from ledger.models import LedgerEntry


@require_GET
def public_head(request):
    head = (
        LedgerEntry.objects.order_by("-seq")
        .values_list("seq", "entry_hash", "created_at", "signature")
        .first()
    )
    seq, entry_hash, created_at, signature = head or (0, hashing.GENESIS_HASH, None, "")
    response = JsonResponse(
        {
            "seq": seq,
            "count": seq,
            "entry_hash": entry_hash,
            "created_at": hashing.format_timestamp(created_at) if created_at else None,
            "signature": signature or None,
            "algorithm": signing.ALGORITHM,
            "public_key": signing.public_key_hex(),
            "signed_message": signing.message(entry_hash).decode(),
        }
    )
    response["Cache-Control"] = "no-cache"
    return response
