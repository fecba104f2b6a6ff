"""Bytes the large-print page embeds: the reading font and article images, as data URIs.

The page must work offline and never fetch anything, so fonts and images travel inside it.
Images go through ``clearread.images`` (pixel limit, downscaling, no metadata), like every
writer's.
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources

from clearread import model
from clearread.images import ImageCache

FONT_FILES = {  # (weight, style) → WOFF2 file in clearread/assets (scripts/build_fonts.py)
    (400, "normal"): "AtkinsonHyperlegible-Regular.woff2",
    (700, "normal"): "AtkinsonHyperlegible-Bold.woff2",
    (400, "italic"): "AtkinsonHyperlegible-Italic.woff2",
    (700, "italic"): "AtkinsonHyperlegible-BoldItalic.woff2",
}


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


class FigureImages:
    """A figure's picture as a data URI (None means "show its text"), each prepared once."""

    def __init__(self, doc: model.Document) -> None:
        self.doc = doc
        self.cache = ImageCache()

    def __call__(self, figure: model.Figure) -> str | None:
        resource = self.doc.resource(figure.src)
        prepared = self.cache.get(resource.data) if resource is not None else None
        return data_uri(prepared.media_type, prepared.data) if prepared else None
