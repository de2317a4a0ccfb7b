"""The organization's logo: checked, shrunk and re-encoded on upload (Pillow).

An upload is never stored as sent. It is opened with Pillow (so only real
PNG, JPEG, GIF or WebP images pass), turned upright by its EXIF orientation,
shrunk to fit LOGO_MAX_SIZE keeping its proportions, and written again as a
fresh PNG from the pixels alone: no EXIF (camera, place, date), no text
chunks, no colour profile, nothing the uploader did not mean to publish.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_SIZE = (400, 200)  # width, height in pixels
LOGO_MAX_BYTES = 5 * 1024 * 1024
# An image this large when opened (a "decompression bomb" is a small file
# that opens to billions of pixels) is refused before it is decoded.
LOGO_MAX_PIXELS = 6000 * 6000
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_ACCEPT = "image/png,image/jpeg,image/gif,image/webp"


def logo_png(upload) -> ContentFile:
    """The logo to store for `upload` (a file object): a PNG at most 400×200.

    Raises ValidationError with a message for the organizer when the file is
    too big, is not an image, or is an image of another kind (SVG, TIFF, ...).
    """
    size = getattr(upload, "size", None)
    if size is not None and size > LOGO_MAX_BYTES:
        raise ValidationError(
            f"This file is {size / 1024 / 1024:.1f} MB; a logo may be at most "
            f"{LOGO_MAX_BYTES // 1024 // 1024} MB. Save a smaller copy and upload that.",
            code="logo_too_big",
        )
    refused = ValidationError(
        "This file is not an image we can use. Upload the logo as a PNG, JPEG, "
        "GIF or WebP picture (SVG and PDF files are not accepted).",
        code="logo_not_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in LOGO_FORMATS:
                raise refused
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    f"This picture is {image.width}×{image.height} pixels, too large "
                    "to open safely. Save a copy under 6000×6000 pixels and upload that.",
                    code="logo_too_big",
                )
            image.seek(0)  # an animation's first frame
            image.load()
            clean = _pixels_only(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise refused from None
    clean.thumbnail(LOGO_MAX_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"logo-{secrets.token_hex(8)}.png")


def _pixels_only(image):
    """A new image with `image`'s pixels, upright, and no metadata at all."""
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or ("transparency" in upright.info)
    pixels = upright.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    return clean
