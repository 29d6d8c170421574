"""Uploaded images are stored without metadata (EXIF, GPS, XMP, comments, text chunks),
originals included; hostile SVGs are refused."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cms.models import PortalImage
from tests import factories
from tests.html_safety import IMAGE_CORPUS

METADATA_FILES = [
    "payload_in_all_known_metadata.jpg",
    "payload_in_all_known_metadata.png",
    "xss_comment_exif_metadata_double_quote.png",
]


@pytest.fixture
def editor_client(client, db):
    # A superuser: the role groups of migration editorial 0001 hold cms.add_portalimage, but
    # Wagtail checks image permissions against wagtailimages.Image (auth_model), so an editor
    # cannot upload yet (reported to the lead; outside this change).
    user = factories.make_user("quantri-anh", superuser=True)
    client.force_login(user)
    return client


def upload(client, name, data, content_type="image/jpeg"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": f"Ảnh {name}",
            "description": "Ảnh thử nghiệm",
            "file": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )


def assert_no_metadata(data):
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert not image.getexif(), dict(image.getexif())
        leftover = set(image.info) - {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density"}
        assert leftover <= {"icc_profile", "progressive", "progression"}, leftover
    assert b"<script" not in data.lower()
    assert b"alert(" not in data


@pytest.mark.parametrize("name", METADATA_FILES)
def test_uploaded_original_keeps_no_metadata(editor_client, name):
    source = (IMAGE_CORPUS / name).read_bytes()
    assert b"<script" in source.lower() or b"alert" in source  # the file is hostile
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    response = upload(editor_client, name, source, content_type)
    assert response.status_code == 302, response.content[:500]
    image = PortalImage.objects.get(title=f"Ảnh {name}")
    with image.open_file() as stored:
        data = stored.read()
    assert_no_metadata(data)
    assert image.file_size == len(data)
    assert (image.width, image.height) == Image.open(io.BytesIO(source)).size
    assert image.file_hash


@pytest.mark.django_db
def test_gps_and_orientation_are_removed_and_picture_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif.get_ifd(0x8825)[2] = (21.0, 2.0, 3.0)  # GPSLatitude
    exif[0x010F] = "Camera maker"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 0, 0)).save(buffer, "JPEG", exif=exif)
    image = PortalImage(
        title="Ảnh có GPS",
        description="Ảnh có tọa độ",
        file=SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg"),
    )
    image.save()
    with image.open_file() as stored:
        data = stored.read()
    assert_no_metadata(data)
    assert (image.width, image.height) == (20, 40)


@pytest.mark.django_db
def test_saving_an_image_again_does_not_re_encode_it():
    image = factories.make_image("Ảnh")
    with image.open_file() as stored:
        before = stored.read()
    image.title = "Ảnh đổi tên"
    image.save()
    with image.open_file() as stored:
        assert stored.read() == before


@pytest.mark.parametrize("name", sorted(p.name for p in IMAGE_CORPUS.glob("SVG_*.svg")))
def test_hostile_svg_upload_is_refused_with_a_message(editor_client, name):
    response = upload(editor_client, name, (IMAGE_CORPUS / name).read_bytes(), "image/svg+xml")
    assert response.status_code == 200
    assert not PortalImage.objects.filter(title=f"Ảnh {name}").exists()
    soup = BeautifulSoup(response.text, "html5lib")
    errors = [
        e.get_text(" ", strip=True)
        for e in soup.select("#panel-child-file-content .error-message, .error-message")
    ]
    errors = [e for e in errors if e and "Go to" not in e]
    assert errors, "no error message shown"
