"""The Django project: settings, URLs, WSGI/ASGI entry points.

Import direction: ``portal_site`` wires ``cms`` and ``editorial`` together; neither app imports it.
"""
