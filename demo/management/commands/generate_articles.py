"""``manage.py generate_articles N``: N reviewed, live articles for benchmarks.

Realistic Vietnamese articles spread over the live sections and the last ``--years`` years,
with tags, a handful of generated images (renditions created ahead) and the review history and
ledger entries of a completed review (see ``demo.generate`` for what is written and how
the publish guard's invariant is kept). Refuses to run under production settings unless
``--allow-production`` is given.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.generate import GenerationRefused, Generator


def is_production():
    return getattr(settings, "PORTAL_ENVIRONMENT", "") == "production" or (
        settings.SETTINGS_MODULE or ""
    ).endswith(".production")


class Command(BaseCommand):
    help = "Generate N reviewed, live articles (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--images", type=int, default=8)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Write generated articles into a database under production settings.",
        )

    def handle(self, count, batch_size, years, images, seed, allow_production, **options):
        if is_production() and not allow_production:
            raise CommandError(
                "Không tạo dữ liệu mẫu trên môi trường production (thêm --allow-production nếu "
                "thật sự cần). / Refusing to generate articles under production settings "
                "without --allow-production."
            )
        if count < 1 or batch_size < 1:
            raise CommandError("count and --batch-size must be positive")
        started = time.monotonic()
        generator = Generator(seed=seed, years=years, image_count=images, batch_size=batch_size)
        try:
            generator.setup()
        except GenerationRefused as error:
            raise CommandError(str(error)) from error
        done = 0
        while done < count:
            size = min(batch_size, count - done)
            generator.write_batch(size)
            done += size
            self.progress(done, count, time.monotonic() - started)
        self.stdout.write("")
        generator.analyze()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{done} articles in {elapsed:.1f} s ({done / elapsed:.0f}/s). "
                "Run `manage.py verify_ledger` to check the chain."
            )
        )

    def progress(self, done, total, elapsed):
        width = 30
        filled = int(width * done / total)
        rate = done / elapsed if elapsed else 0
        eta = (total - done) / rate if rate else 0
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total} {rate:.0f}/s, {eta:.0f} s left", ending="")
        self.stdout.flush()
