"""The ledger's signing key: ``--generate FILE`` writes a new Ed25519 key (mode 0600, never
overwriting); ``--public`` prints the public key of the configured one, to publish or to list in
``LEDGER_RETIRED_PUBLIC_KEYS`` after a rotation."""

from django.core.management.base import BaseCommand, CommandError

from ledger import signing


class Command(BaseCommand):
    help = "Generate the ledger's signing key, or print the configured key's public key."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--generate", metavar="FILE", help="Write a new key to FILE.")
        group.add_argument("--public", action="store_true", help="Print the public key (hex).")

    def handle(self, *args, generate=None, public=False, **options):
        if generate:
            try:
                path = signing.write_new_key(generate)
            except FileExistsError:
                raise CommandError(
                    f"{generate} exists already: a key is never overwritten."
                ) from None
            self.stdout.write(f"New ledger signing key written to {path} (mode 0600).")
            self.stdout.write(
                "Public key: "
                + signing.public_key_hex(signing.parse_private_key(path.read_text()).public_key())
            )
            return
        self.stdout.write(signing.public_key_hex())
