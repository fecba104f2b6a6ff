"""Sizes, spacing and colour themes for the large-print page, kept as data.

Numbers follow large-print guidance and WCAG 1.4.8 (AAA): 24 px body text, line height 1.6,
paragraph spacing at least 1.5 line heights, a measure under 80 characters. Every colour a reader
sees as text or as an indicator against the page is listed in ``Palette`` so one function,
``low_contrast_pairs``, can prove each theme keeps 7:1 (WCAG 1.4.6) — adding a colour without a
test is impossible by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

DEFAULT_FONT_SIZE_PX = 24
BROWSER_DEFAULT_PX = 16        # the root size is a percentage of this, so user settings scale it
LINE_HEIGHT = 1.6
PARAGRAPH_SPACING_EM = 1.5 * LINE_HEIGHT
HEADING_LINE_HEIGHT = 1.3
MEASURE_EM = 28                # ~70 characters of Atkinson Hyperlegible; `ch` overshoots
MIN_CONTRAST = 7.0

# rem sizes; nothing smaller than the body text, so every run of text is large print
HEADING_REM = {1: 2.0, 2: 1.6, 3: 1.35, 4: 1.2, 5: 1.1, 6: 1.0}

ATKINSON_STACK = ('"Atkinson Hyperlegible"', "Verdana", '"DejaVu Sans"', '"Segoe UI"',
                  "Arial", "sans-serif")
SYSTEM_STACK = ATKINSON_STACK[1:]
MONO_STACK = ('"DejaVu Sans Mono"', "Menlo", "Consolas", "monospace")


@dataclass(frozen=True)
class Palette:
    """One theme's colours (``#rrggbb``); every field but ``background`` is checked against it."""

    name: str
    scheme: str                # CSS color-scheme: tells the browser to draw its own UI to match
    background: str
    text: str
    heading: str
    link: str
    visited: str
    caption: str
    muted: str                 # metadata: author, date, reading time
    focus: str                 # keyboard focus outline
    quote_border: str
    rule: str                  # table borders, thematic breaks


PALETTES: dict[str, Palette] = {
    p.name: p
    for p in (
        Palette("light", "light", background="#ffffff", text="#1a1a1a", heading="#000000",
                link="#0a3d91", visited="#5c2a7e", caption="#2e2e2e", muted="#3b3b3b",
                focus="#0a3d91", quote_border="#4a4a4a", rule="#4a4a4a"),
        Palette("dark", "dark", background="#121212", text="#ececec", heading="#ffffff",
                link="#9ecbff", visited="#dcc2ff", caption="#d8d8d8", muted="#cccccc",
                focus="#ffd75e", quote_border="#b8b8b8", rule="#b8b8b8"),
        Palette("cream", "light", background="#f8f1e0", text="#2a2118", heading="#1c140c",
                link="#0b3a73", visited="#5a2a6e", caption="#352a1f", muted="#40342a",
                focus="#0b3a73", quote_border="#5b4a38", rule="#5b4a38"),
        Palette("contrast", "dark", background="#000000", text="#ffff00", heading="#ffffff",
                link="#66ffff", visited="#ffb3ff", caption="#ffff00", muted="#ffff80",
                focus="#ffffff", quote_border="#ffff00", rule="#ffff00"),
    )
}

# "auto" follows the reader's system: the first palette by default, the second when it prefers dark
AUTO_THEME = ("light", "dark")
THEMES = (*PALETTES, "auto")

# printing ignores the theme: black on white, no backgrounds
PRINT = Palette("print", "light", background="#ffffff", text="#000000", heading="#000000",
                link="#000000", visited="#000000", caption="#000000", muted="#000000",
                focus="#000000", quote_border="#000000", rule="#000000")


def palettes_for(theme: str) -> tuple[Palette, Palette | None]:
    """The base palette and, for ``auto``, the one used under ``prefers-color-scheme: dark``."""
    if theme == "auto":
        return PALETTES[AUTO_THEME[0]], PALETTES[AUTO_THEME[1]]
    if theme not in PALETTES:
        raise KeyError(f"unknown theme {theme!r} (choose from {', '.join(THEMES)})")
    return PALETTES[theme], None


def foreground_fields() -> tuple[str, ...]:
    skip = {"name", "scheme", "background"}
    return tuple(f.name for f in fields(Palette) if f.name not in skip)


def css_variables(palette: Palette) -> str:
    """``--name: value;`` declarations for one palette (underscores become dashes)."""
    names = ("background", *foreground_fields())
    return " ".join(f"--{n.replace('_', '-')}: {getattr(palette, n)};" for n in names)


# --- contrast (WCAG 2.x definition) --------------------------------------------------------------


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour, 0 (black) to 1 (white)."""
    hexa = colour.lstrip("#")
    if len(hexa) != 6:
        raise ValueError(f"expected #rrggbb, got {colour!r}")
    r, g, b = (int(hexa[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def low_contrast_pairs(palette: Palette, minimum: float = MIN_CONTRAST) -> list[str]:
    """Every foreground of ``palette`` that falls below ``minimum`` against its background."""
    out = []
    for name in foreground_fields():
        ratio = contrast_ratio(getattr(palette, name), palette.background)
        if ratio < minimum:
            out.append(f"{palette.name}.{name}: {ratio:.2f}:1")
    return out
