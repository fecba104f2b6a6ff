from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearread.names import MAX_STEM, slugify


@pytest.mark.parametrize(("title", "expected"), [
    ("Night Trains Are Back!", "night-trains-are-back"),
    ("Bibliothèque de quartier", "bibliotheque-de-quartier"),
    ("../../x", "x"),
    ("/etc/passwd", "etc-passwd"),
    ("CON", "con-article"),
    ("a\0b", "a-b"),
    ("★ ☆ ★", "article"),
    ("", "article"),
])
def test_slugs(title: str, expected: str) -> None:
    assert slugify(title) == expected


@given(st.text(max_size=600))
def test_any_title_gives_a_safe_name(title: str) -> None:
    slug = slugify(title)
    assert 0 < len(slug) <= MAX_STEM
    assert os.sep not in slug and "/" not in slug and "\\" not in slug
    assert not slug.startswith((".", "-")) and "\0" not in slug
    assert slug.split(".")[0].lower() not in {"con", "nul", "prn", "aux", "com1", "lpt1"}
