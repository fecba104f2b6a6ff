"""Regenerate the WOFF2 faces of Atkinson Hyperlegible in src/clearread/assets/ from the
TrueType files of the PyPI font package (WOFF2 is about half the size, and the large-print page
embeds the font in every file).

    pip install 'fonttools[woff]' && python scripts/build_fonts.py
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont

PACKAGE = "fontpkg_atkinson_hyperlegible"
ASSETS = Path(__file__).resolve().parents[1] / "src" / "clearread" / "assets"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")


def main() -> None:
    for face in FACES:
        source = resources.files(PACKAGE) / f"files/AtkinsonHyperlegible-{face}.ttf"
        with resources.as_file(source) as path:
            font = TTFont(path)
        font.flavor = "woff2"
        target = ASSETS / f"AtkinsonHyperlegible-{face}.woff2"
        font.save(target, reorderTables=False)
        print(f"{target.name}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
