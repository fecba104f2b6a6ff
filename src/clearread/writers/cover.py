"""Generated cover art: the title, authors and site in large, high-contrast type.

Shared by the EPUB writer (portrait cover) and the audio writer (square cover art). The output is
a pure function of its inputs — same text and size give the same bytes — so books and audio files
stay reproducible. Atkinson Hyperlegible is preferred for legibility; any character it lacks
(Greek, Cyrillic, CJK...) switches that line of text to DejaVu Sans, then to Pillow's own font.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BACKGROUND = (16, 24, 40)        # deep navy: white text on it is > 15:1 contrast
FOREGROUND = (255, 255, 255)
ACCENT = (255, 214, 10)          # the rule between site name and title
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FontFace = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Band:
    """One text area of the cover, as fractions of the image height."""

    top: float
    height: float
    max_size: float      # starting font size, as a fraction of the shorter side
    bold: bool
    max_lines: int
    max_chars: int       # longer text is cut (with an ellipsis), so layout time is bounded


SITE = Band(0.06, 0.08, 0.045, False, 1, 80)
TITLE = Band(0.18, 0.52, 0.11, True, 7, 300)
AUTHORS = Band(0.74, 0.18, 0.055, False, 3, 200)


def _atkinson(bold: bool) -> Path | None:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    try:
        path = resources.files("fontpkg_atkinson_hyperlegible") / "files" / name
    except ModuleNotFoundError:
        return None
    return Path(str(path)) if path.is_file() else None


def _font_paths(bold: bool) -> tuple[Path, ...]:
    dejavu = DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return tuple(p for p in (_atkinson(bold), dejavu) if p is not None and p.is_file())


@cache
def _font(path: Path | None, size: int) -> FontFace:
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


@cache
def _missing_mask(path: Path) -> bytes:
    font = _font(path, 40)
    return bytes(font.getmask("\uffff"))


def _covers(path: Path, text: str) -> bool:
    """Whether the font draws every character (a missing glyph renders as .notdef)."""
    font = _font(path, 40)
    notdef = _missing_mask(path)
    return all(ch.isspace() or bytes(font.getmask(ch)) != notdef for ch in set(text))


def _face_for(text: str, bold: bool) -> Path | None:
    """The first font that draws all of ``text``; else the first installed one."""
    paths = _font_paths(bold)
    return next((p for p in paths if _covers(p, text)), paths[0] if paths else None)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _fitting_prefix(word: str, font: FontFace, width: int) -> int:
    """Length of the longest start of ``word`` that fits ``width`` (at least 1), by bisection."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _wrap(text: str, font: FontFace, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by measured width; words longer than a line are cut by character.
    Stops as soon as the lines overflow ``max_lines`` (the caller then tries a smaller size)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
            continue
        while len(word) > 1 and font.getlength(word) > width and len(lines) <= max_lines:
            cut = _fitting_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
        if len(lines) > max_lines:
            break
    return lines


def _fit(text: str, band: Band, size: tuple[int, int]) -> tuple[FontFace, list[str], int]:
    """The largest font size at which ``text`` wraps into the band; returns font, lines, step."""
    width, height = size
    box_w, box_h = int(width * 0.84), int(height * band.height)
    path = _face_for(text, band.bold)
    px = max(8, int(min(size) * band.max_size))
    while True:
        font = _font(path, px)
        lines = _wrap(text, font, box_w, band.max_lines)
        step = int(px * 1.25)
        if (len(lines) <= band.max_lines and step * len(lines) <= box_h) or px <= 8:
            return font, lines[: band.max_lines], step
        px = max(8, int(px * 0.9))


def _draw_band(draw: ImageDraw.ImageDraw, text: str, band: Band, size: tuple[int, int]) -> None:
    if not text.strip():
        return
    font, lines, step = _fit(_clip(" ".join(text.split()), band.max_chars), band, size)
    x, y = int(size[0] * 0.08), int(size[1] * band.top)
    for line in lines:
        draw.text((x, y), line, font=font, fill=FOREGROUND)
        y += step


def cover_image(title: str, authors: Sequence[str], site: str,
                size: tuple[int, int] = (1200, 1600), fmt: str = "PNG") -> bytes:
    """The cover as encoded image bytes (``fmt`` is a Pillow format name: PNG or JPEG)."""
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = size
    _draw_band(draw, site, SITE, size)
    rule_y = int(height * (SITE.top + SITE.height + 0.01))
    draw.rectangle((int(width * 0.08), rule_y, int(width * 0.4), rule_y + max(4, height // 160)),
                   fill=ACCENT)
    _draw_band(draw, title or "Untitled", TITLE, size)
    _draw_band(draw, ", ".join(a for a in authors if a.strip()), AUTHORS, size)
    out = io.BytesIO()
    save = {"optimize": False} if fmt.upper() == "PNG" else {"quality": 90}
    image.save(out, format=fmt.upper(), **save)
    return out.getvalue()
