"""Uploads through the real admin views: types by content, size, pixel count, SVG refused,
documents served as attachments. Every file of shared/corpora/images is tried."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.models import PortalDocument, PortalImage
from editorial import roles
from tests import factories

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "images"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/images")
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if not p.name.startswith("LICENSE"))

REFUSED = {
    "SVG_XSS1.svg": "không nhận tệp SVG",
    "SVG_XSS2.svg": "không nhận tệp SVG",
    "SVG_XSS3.svg": "không nhận tệp SVG",
    "SVG_XSS_nested_svg.svg": "Định dạng ảnh không được chấp nhận",
    "SVG_XSS_nested_use_xlink.svg": "Định dạng ảnh không được chấp nhận",
    "decompression_bomb.gif": "bom giải nén",
    "decompression_bomb.ico": "Định dạng ảnh không được chấp nhận",
    "decompression_bomb_extents.gif": "bom giải nén",
}
# Valid images whose metadata carries script payloads: accepted (metadata is never rendered;
# stripping it is the image pipeline's job) and they render without error.
ACCEPTED = {
    "payload_in_all_known_metadata.jpg",
    "payload_in_all_known_metadata.png",
    "xss_comment_exif_metadata_double_quote.png",
}


def test_every_corpus_file_has_an_expected_outcome():
    assert {p.name for p in CORPUS_FILES} == set(REFUSED) | ACCEPTED


@pytest.fixture
def editor_client(client):
    client.force_login(factories.make_user("bientap", roles.EDITORS))
    return client


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "description": f"Ảnh {name}",
            "file": SimpleUploadedFile(name, content),
        },
    )


def png_bytes(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_image_upload_is_handled_safely(editor_client, path):
    response = upload_image(editor_client, path.name, path.read_bytes())
    if path.name in REFUSED:
        assert response.status_code == 200
        assert REFUSED[path.name] in response.text
        assert not PortalImage.objects.exists()
    else:
        assert response.status_code == 302
        image = PortalImage.objects.get()
        rendition = image.get_rendition("fill-80x80")
        assert rendition.width == 80
        page = editor_client.get(f"/admin/images/{image.pk}/")
        assert page.status_code == 200


@pytest.mark.parametrize(
    "name", ["decompression_bomb_extents.gif", "SVG_XSS1.svg", "decompression_bomb.gif"]
)
def test_multiple_upload_refuses_the_same_files(editor_client, name):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, (CORPUS / name).read_bytes())},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not PortalImage.objects.exists()


def test_svg_renamed_to_png_is_refused_by_content(editor_client):
    response = upload_image(editor_client, "logo.png", (CORPUS / "SVG_XSS1.svg").read_bytes())
    assert response.status_code == 200
    assert not PortalImage.objects.exists()


def test_image_over_the_pixel_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    response = upload_image(editor_client, "big.png", png_bytes((20, 10)))
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.text
    assert not PortalImage.objects.exists()


def test_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
    response = upload_image(editor_client, "small.png", png_bytes())
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.text
    assert not PortalImage.objects.exists()


def test_truncated_image_is_refused(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), (10, 20, 30)).save(buffer, "JPEG")
    response = upload_image(editor_client, "cut.jpg", buffer.getvalue()[:600])
    assert response.status_code == 200
    assert not PortalImage.objects.exists()


def test_an_ordinary_photo_is_accepted(editor_client):
    response = upload_image(editor_client, "anh.png", png_bytes())
    assert response.status_code == 302
    assert PortalImage.objects.count() == 1


# --- Documents ------------------------------------------------------------------------------


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("quyet-dinh.pdf", PDF),
        ("ke-hoach.docx", docx_bytes()),
        ("thong-bao.txt", "Thông báo lịch tiếp công dân.\n".encode()),
    ],
)
def test_documents_of_the_type_they_claim_are_accepted(editor_client, name, content):
    response = upload_document(editor_client, name, content)
    assert response.status_code == 302
    assert PortalDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "không khớp"),
        ("anh.docx", png_bytes(), "không khớp"),
        ("bang.xlsx", docx_bytes(), "không khớp"),
        ("nhi-phan.txt", b"\x00\x01\x02binary", "không phải văn bản thuần"),
        ("SVG_XSS1.svg", (CORPUS / "SVG_XSS1.svg").read_bytes(), "svg"),
        ("trang.html", b"<html></html>", "html"),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(editor_client, name, content, message):
    response = upload_document(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert not PortalDocument.objects.exists()


def test_oversized_document_is_refused(editor_client, settings):
    settings.PORTAL_DOCUMENT_MAX_UPLOAD_SIZE = 10
    response = upload_document(editor_client, "quyet-dinh.pdf", PDF)
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.text


@pytest.mark.parametrize(("name", "content"), [("quyet-dinh.pdf", PDF), ("a.txt", b"plain")])
def test_documents_are_served_as_attachments_with_nosniff(editor_client, client, name, content):
    upload_document(editor_client, name, content)
    document = PortalDocument.objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
