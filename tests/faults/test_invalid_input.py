"""Issue 17, finding 8: a NUL byte in the path or the query string answers 400 (the API in its
JSON error shape), never a 500 from the database that refuses it."""

import pytest

pytestmark = pytest.mark.faults

PAGES = [
    "/the/%00/",
    "/tim-kiem/?q=%00",
    "/tim-kiem/?q=a&x%00=1",
    "/tin-tuc/%00/",
    "/?page=%00",
]
API = [
    "/api/v1/articles/by-path/?path=/%00/",
    "/api/v1/articles/?tag=%00",
    "/api/v1/articles/%00/",
    "/api/v2/pages/?search=%00",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_nul_byte_in_a_page_address_answers_400_in_vietnamese(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ký tự không được phép" in response.text


@pytest.mark.parametrize("url", API)
def test_a_nul_byte_in_an_api_address_answers_the_json_error(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid_input")
    assert "ký tự không được phép" in error["message"]


def test_the_same_addresses_without_the_nul_byte_are_answered_as_usual(client, home):
    assert client.get("/tim-kiem/?q=a").status_code == 200
    assert client.get("/the/khong-co/").status_code == 404
    assert client.get("/api/v1/articles/by-path/?path=/khong-co/").status_code == 404
