"""One preparation path for every picture an output embeds (large-print page, EPUB).

Pictures come from untrusted pages: Pillow decodes them under a pixel limit (a decompression
bomb is refused before its pixels are allocated), anything that is not a real raster image is
refused, and what is kept is turned upright, scaled down and re-encoded as JPEG (PNG when it has
transparency) — which also drops EXIF, GPS and anything else smuggled in the original file. Each
distinct picture is decoded once per document (``ImageCache``, by content hash). Only the picture
kinds a document may hold (``model.image_type``, the reader's rule too) are decoded, each by its
own decoder alone: a model read from JSON cannot reach Pillow's rarer decoders.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from clearread import model

MAX_IMAGE_WIDTH = 1200
MAX_IMAGE_PIXELS = 40_000_000      # refuse decompression bombs before decoding
JPEG_QUALITY = 82
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}
#: Pillow's decoder for each picture kind a document may hold.
DECODERS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
DECODE_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
                 Image.DecompressionBombError, Image.DecompressionBombWarning)


@dataclass(frozen=True)
class PreparedImage:
    media_type: str
    data: bytes
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _decode(data: bytes) -> Image.Image | None:
    """The first frame, upright, or None for anything that is not a picture a document may
    hold within the limit."""
    kind = model.image_type(data)
    if kind is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[DECODERS[kind]])
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.seek(0)          # animated images: the first frame only
            image.load()
            return ImageOps.exif_transpose(image)
    except DECODE_ERRORS:
        return None


def _encode(image: Image.Image, has_alpha: bool) -> tuple[str, bytes]:
    """Fresh bytes with no metadata: PNG to keep transparency, JPEG otherwise."""
    out = io.BytesIO()
    if has_alpha:
        image.save(out, "PNG", optimize=True)
        return "image/png", out.getvalue()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return "image/jpeg", out.getvalue()


def prepare_image(data: bytes, max_width: int = MAX_IMAGE_WIDTH) -> PreparedImage | None:
    """Decode, downscale and re-encode image bytes; None when they are not a usable image."""
    image = _decode(data)
    if image is None:
        return None
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    media_type, encoded = _encode(image, has_alpha)
    return PreparedImage(media_type, encoded, image.width, image.height)


@dataclass
class ImageCache:
    """Prepared pictures of one document (or book) by content hash: each is decoded once,
    however many figures or file names share it."""

    max_width: int = MAX_IMAGE_WIDTH
    prepared: dict[str, PreparedImage | None] = field(default_factory=dict)

    def get(self, data: bytes) -> PreparedImage | None:
        key = hashlib.sha256(data).hexdigest()
        if key not in self.prepared:
            self.prepared[key] = prepare_image(data, self.max_width)
        return self.prepared[key]
