"""Schemathesis generates requests from /api/v1/openapi.json, valid and invalid: no response may
be a server error or disagree with the published schema (status codes, content types, bodies).

Driven through schemathesis' Python API and Hypothesis directly (its pytest plugin does not
support pytest 9 yet); examples are bounded and derandomized so the run is short and repeatable.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from cms.models import SignageBoard, SignageItem
from tests import factories

EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10}


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI application directly would close the test's database connection at the
    end of each request (Django's test client disconnects this handler the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def live_site(news_section, settings, keep_test_connection):
    settings.ALLOWED_HOSTS = ["*"]
    image = factories.make_image("Ảnh")
    article = factories.make_article(news_section, "Tin có ảnh", tags=["y-te"], image=image)
    factories.make_article(news_section, "Tin khác", source_type="other_outlet", source_name="Báo")
    board = SignageBoard.objects.create(name="Sảnh", slug="sanh")
    SignageItem.objects.create(board=board, article=article)
    return article


def run_operation(operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # The in-process WSGI client does not decompress; compression has its own tests.
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    try:
        check()
    except Unsatisfiable:
        # Negative mode and an operation without parameters: no invalid request to make.
        assert mode == GenerationMode.NEGATIVE


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_schema_and_never_fails(live_site, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        run_operation(operation, mode)
