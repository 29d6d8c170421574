"""Upload validation by content, for every admin path that stores an image or a document.

Wagtail builds all its image and document forms (single upload, multiple upload, edit,
chooser upload) on the base forms named by ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE``; these are they.

Images: Wagtail already compares the extension with the format Willow reads, the size with
``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` and width × height × frames with
``WAGTAILIMAGES_MAX_IMAGE_PIXELS``. Added here: the type sniffed from the bytes must be an
allowed raster type (SVG never is), and every frame is decoded under Pillow's bomb guard, which
catches GIF frames whose extents are far larger than the declared canvas.
Documents: the type sniffed from the bytes must match the extension; plain text must be text.
"""

import warnings

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

IMAGE_MIME_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}

# Extension → MIME types the bytes may be sniffed as (filetype). Office formats: the OOXML and
# ODF containers are zip files; the legacy ones share one OLE2 signature, reported as any of them.
OLE2 = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
DOCUMENT_MIME_TYPES = {
    "pdf": {"application/pdf"},
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "odp": {"application/vnd.oasis.opendocument.presentation"},
}
SNIFF_BYTES = 8192


def read_head(f, size=SNIFF_BYTES):
    f.seek(0)
    head = f.read(size)
    f.seek(0)
    return head


NOT_AN_IMAGE = _("This file is not a JPEG, PNG, GIF, WebP or AVIF image (SVG is not accepted).")
DAMAGED = _("This image is damaged or incomplete and cannot be read.")
UNREADABLE = (OSError, SyntaxError, ValueError, EOFError)


def check_image_content(f):
    """Raise ValidationError unless ``f`` is an allowed raster image that decodes safely."""
    kind = filetype.guess(read_head(f, 262))
    if kind is None or kind.mime not in IMAGE_MIME_TYPES:
        raise forms.ValidationError(NOT_AN_IMAGE, code="image_type_not_allowed")
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            f.seek(0)
            with Image.open(f) as image:
                total = 0
                for frame in ImageSequence.Iterator(image):
                    total += frame.size[0] * frame.size[1]
                    if max_pixels and total > max_pixels:
                        raise Image.DecompressionBombError
                    frame.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(
            _(
                "This image is refused: decoded, it would exceed %(max)s pixels "
                "(a possible decompression bomb)."
            )
            % {"max": f"{max_pixels:,}".replace(",", ".")},
            code="image_too_many_pixels",
        ) from None
    except UNREADABLE:
        raise forms.ValidationError(DAMAGED, code="image_damaged") from None
    finally:
        f.seek(0)


def check_document_content(f):
    """Raise ValidationError unless the bytes of ``f`` are of the type its extension claims."""
    max_size = settings.PORTAL_DOCUMENT_MAX_UPLOAD_SIZE
    if f.size is not None and f.size > max_size:
        raise forms.ValidationError(
            _("This file is too big (%(size)s). The maximum is %(max)s.")
            % {"size": filesizeformat(f.size), "max": filesizeformat(max_size)},
            code="document_too_large",
        )
    extension = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
    head = read_head(f)
    if extension == "txt":
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the end of the sample.
            text = head[: exc.start].decode("utf-8") if len(head) - exc.start < 4 else None
        if text is None or "\x00" in text:
            raise forms.ValidationError(
                _("This .txt file is not plain text (UTF-8)."), code="document_type_mismatch"
            )
        return
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_MIME_TYPES.get(extension, ()):
        raise forms.ValidationError(
            _("The content of this file does not match its extension (.%(extension)s).")
            % {"extension": extension},
            code="document_type_mismatch",
        )


class PortalImageFormField(WagtailImageField):
    """Wagtail's image field, with the checks above, Vietnamese messages, and no 500 on a file
    that Pillow cannot parse (Wagtail 8.0.1 lets ``OSError`` from a truncated JPEG escape)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ", ".join(settings.WAGTAILIMAGES_EXTENSIONS).upper()
        self.error_messages.update(
            {
                "invalid_image": NOT_AN_IMAGE,
                "invalid_image_extension": _(
                    "Not an accepted image format. Accepted formats: %(formats)s."
                )
                % {"formats": allowed},
                "invalid_image_known_format": _(
                    "Not a valid .%(extension)s image: the content is %(image_format)s."
                ),
                "file_too_large": _(
                    "This file is too big (%(file_size)s). The maximum is %(max_filesize)s."
                ),
                "file_too_many_pixels": _(
                    "This image has too many pixels (%(num_pixels)s). "
                    "The maximum is %(max_pixels_count)s (a possible decompression bomb)."
                ),
            }
        )

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except UNREADABLE:
            raise forms.ValidationError(DAMAGED, code="image_damaged") from None
        if f is not None and hasattr(f, "seek"):
            check_image_content(f)
        return f


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = PortalImageFormField(
                label=field.label, required=field.required, widget=field.widget
            )


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and hasattr(f, "seek") and "file" in self.changed_data:
            check_document_content(f)
        return f
