"""Citizen reports of harmful content ("phản ánh thông tin xấu độc"): the public form at
/phan-anh/, the tracking-code status page, moderation in the admin, working-day deadlines.

Import direction: ``citizen_reports`` may import ``cms`` and ``editorial``; ``cms`` never
imports ``citizen_reports``.
"""
