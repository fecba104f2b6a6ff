"""The generated cover: a real image of the requested size, reproducible byte for byte."""

from __future__ import annotations

import io
import time

from PIL import Image

from clearread.writers.cover import BACKGROUND, FOREGROUND, cover_image


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_portrait_png_has_size_and_text() -> None:
    data = cover_image("Les bibliothèques à l'ère numérique", ["Émilie Dupont"], "Le Monde")
    image = _image(data)
    assert image.format == "PNG"
    assert image.size == (1200, 1600)
    colours = {c for _, c in image.getcolors(maxcolors=1 << 16)}
    assert BACKGROUND in colours and FOREGROUND in colours


def test_same_input_same_bytes_and_different_title_differs() -> None:
    first = cover_image("A title", ["Ann"], "example.org")
    assert first == cover_image("A title", ["Ann"], "example.org")
    assert first != cover_image("Another title", ["Ann"], "example.org")


def test_square_jpeg_for_audio_art() -> None:
    image = _image(cover_image("Title", [], "", size=(600, 600), fmt="JPEG"))
    assert image.format == "JPEG"
    assert image.size == (600, 600)


def test_very_long_and_non_latin_title_still_renders() -> None:
    title = "Ελληνικά и русский " + "Supercalifragilistic" * 8 + " word" * 80
    image = _image(cover_image(title, ["Ζωή"] * 9, "x" * 300, size=(400, 400)))
    assert image.size == (400, 400)
    # the text stays inside the margins: the right-hand 5% column is pure background
    strip = image.crop((int(400 * 0.95), 0, 400, 400))
    assert strip.getcolors() == [(strip.width * strip.height, BACKGROUND)]


def test_any_title_renders_in_under_a_second() -> None:
    """Layout work is bounded: one 2,000-character word, or thousands of short ones."""
    for title in ("W" * 2000, "ab " * 3000):
        started = time.perf_counter()
        image = _image(cover_image(title, ["N" * 1000] * 5, "s" * 1000, fmt="JPEG"))
        assert time.perf_counter() - started < 1.0
        assert image.size == (1200, 1600)
