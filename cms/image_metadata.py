"""Uploaded images lose their metadata (EXIF, GPS, XMP, IPTC, comments, text chunks) before
the original is stored, so a photo never publishes where it was taken, on what device, or any
script a hostile file carries in its tags.

``strip_metadata`` re-encodes the pixels into the same format, keeping only what drawing needs
(colour profile, transparency, animation timing); the picture is turned upright first, since
the orientation tag goes with the rest. Wired as a ``pre_save`` receiver of ``PortalImage`` in
``cms.signals``: every path that stores a new file (admin upload, multiple upload, chooser
upload, code, the demo data) goes through it. Validation of type, size and pixel count belongs
to the upload form, not here: a file Pillow cannot read is left to it.
"""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Information Pillow needs to draw the picture again; everything else in ``Image.info`` is
# metadata and is dropped.
KEEP_INFO = frozenset({"icc_profile", "transparency", "duration", "loop", "background"})
WRITE_OPTIONS = {"JPEG": {"quality": 92, "optimize": True}, "WEBP": {"quality": 90}}


def strip_metadata(data: bytes) -> tuple[bytes, tuple[int, int]] | None:
    """The image in ``data`` re-encoded without metadata, and its size; None if unreadable."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format is None:
                return None
            kept = {key: value for key, value in image.info.items() if key in KEEP_INFO}
            frames = getattr(image, "n_frames", 1)
            out = io.BytesIO()
            options = {**WRITE_OPTIONS.get(image_format, {}), **kept}
            if frames > 1:
                sequence = [frame.copy() for frame in ImageSequence.Iterator(image)]
                for frame in sequence:
                    frame.info = {k: v for k, v in frame.info.items() if k in KEEP_INFO}
                first = sequence[0]
                first.save(out, image_format, save_all=True, append_images=sequence[1:], **options)
                size = first.size
            else:
                clean = ImageOps.exif_transpose(image)
                clean.info = {}
                if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
                    clean = clean.convert("RGB")
                clean.save(out, image_format, exif=b"", **options)
                size = clean.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return out.getvalue(), size


def strip_uploaded_file(image) -> bool:
    """Replace the not-yet-stored file of a ``PortalImage`` by its clean copy. True if done."""
    field_file = image.file
    if not field_file or getattr(field_file, "_committed", True):
        return False
    field_file.seek(0)
    data = field_file.read()
    field_file.seek(0)
    result = strip_metadata(data)
    if result is None:
        return False
    clean, (width, height) = result
    name = Path(field_file.name).name
    image.file = ContentFile(clean, name=name)
    image.width, image.height = width, height
    image.file_size = len(clean)
    image._set_file_hash()
    image.file.seek(0)
    return True
