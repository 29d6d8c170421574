"""The ledger warns when it cannot see requests."""

from django.core import checks

from editorial.system_checks import LEDGER_MIDDLEWARE


def test_missing_request_middleware_is_a_warning(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != LEDGER_MIDDLEWARE]
    assert [
        m.id for m in checks.run_checks(tags=["editorial"]) if m.id.startswith("editorial.")
    ] == ["editorial.W001"]


def test_configured_project_passes(settings):
    assert [
        m.id for m in checks.run_checks(tags=["editorial"]) if m.id.startswith("editorial.")
    ] == []
