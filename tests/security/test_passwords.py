"""Password rules: at least 12 characters, long passphrases allowed, common passwords refused."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["short-pw-11", "123456789012345", "1qaz2wsx3edc", "Q1w2e3r4t5y6"],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, factories.make_user("someone"))


@pytest.mark.parametrize("length", [12, 64, 128])
def test_long_passphrases_are_allowed(length):
    password = ("trăng rằm tháng tám " * 10)[:length]
    validate_password(password, factories.make_user("someone"))


def test_refusal_is_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password("short-pw-11", factories.make_user("someone"))
    assert "12 ký tự" in " ".join(error.value.messages)
