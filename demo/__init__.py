"""Demo and benchmark data: ``seed_demo`` (the demo content, written from the plans in
shared/seeds/: 113/KH-UBND of 2018 of Ba Đình district, 287/KH-UBND of 2021 of Hà Nội, and the
instruments that replaced theirs), ``generate_articles`` and ``import_article``.

Installed by the dev and test settings only. Import direction: ``demo`` may import ``cms``,
``editorial`` and ``ledger``; nothing imports ``demo`` but its commands, tests and scripts.
"""
