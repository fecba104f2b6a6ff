"""Bytes the large-print page embeds: the reading font and article images, as data URIs.

The page must work offline and never fetch anything, so fonts and images travel inside it.
Images come from untrusted pages: Pillow decodes them, anything that is not a real raster image is
refused, and what is kept is re-encoded (which also drops metadata and anything smuggled in the
original file) and scaled down so one photo cannot make the page huge.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass
from functools import cache
from importlib import resources

from PIL import Image, UnidentifiedImageError

from clearread import model

FONT_FILES = {  # (weight, style) → WOFF2 file in clearread/assets (scripts/build_fonts.py)
    (400, "normal"): "AtkinsonHyperlegible-Regular.woff2",
    (700, "normal"): "AtkinsonHyperlegible-Bold.woff2",
    (400, "italic"): "AtkinsonHyperlegible-Italic.woff2",
    (700, "italic"): "AtkinsonHyperlegible-BoldItalic.woff2",
}
MAX_IMAGE_WIDTH = 1200
MAX_IMAGE_PIXELS = 40_000_000      # refuse decompression bombs before decoding
JPEG_QUALITY = 82


def data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


# --- font ----------------------------------------------------------------------------------------


@cache
def font_bytes(weight: int, style: str) -> bytes:
    """One face of Atkinson Hyperlegible (WOFF2, half the size of the TrueType original)."""
    return (resources.files("clearread") / "assets" / FONT_FILES[(weight, style)]).read_bytes()


def font_face_css(family: str, faces: tuple[tuple[int, str], ...]) -> str:
    """``@font-face`` rules embedding ``faces``; ``font-display: swap`` keeps text visible."""
    rules = [f"/* {family}: Copyright 2020 Braille Institute of America, Inc.; "
             "SIL Open Font License 1.1 */"]
    for weight, style in faces:
        src = data_uri("font/woff2", font_bytes(weight, style))
        rules.append(f'@font-face {{ font-family: "{family}"; font-style: {style}; '
                     f'font-weight: {weight}; font-display: swap; '
                     f'src: url("{src}") format("woff2"); }}')
    return "\n".join(rules)


# --- images --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmbeddedImage:
    media_type: str
    data: bytes
    width: int
    height: int


def _decode(data: bytes) -> Image.Image | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.seek(0)          # animated images: the first frame only
            image.load()
            return image
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None


def prepare_image(data: bytes, max_width: int = MAX_IMAGE_WIDTH) -> EmbeddedImage | None:
    """Decode, downscale and re-encode image bytes; None when they are not a usable image."""
    image = _decode(data)
    if image is None:
        return None
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha:
        image.save(out, "PNG", optimize=True)
        media_type = "image/png"
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        media_type = "image/jpeg"
    return EmbeddedImage(media_type, out.getvalue(), image.width, image.height)


def figure_data_uri(doc: model.Document, figure: model.Figure) -> str | None:
    """A data URI for a figure whose bytes the document holds; None means "show its text"."""
    resource = doc.resource(figure.src)
    if resource is None:
        return None
    prepared = prepare_image(resource.data)
    return data_uri(prepared.media_type, prepared.data) if prepared else None
