"""Demo and benchmark data: ``seed_demo``, ``generate_articles``, ``import_article``.

Not installed in production (``portal_site.settings.production``). Import direction: ``demo``
may import ``cms``, ``editorial`` and ``ledger``; nothing imports ``demo`` but its tests.
"""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
