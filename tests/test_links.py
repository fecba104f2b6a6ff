"""One rule for links: what a reader keeps is what a writer lets through, and nothing else."""

from __future__ import annotations

import pytest

from clearread.links import WEB_SCHEMES, safe_href, safe_url

REFUSED = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
           " javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "file:///etc/passwd",
           "http:///no-host", "#section", "", "http://[::1", "\x00"]


@pytest.mark.parametrize("href", REFUSED)
def test_unsafe_links_are_refused_on_both_sides(href: str) -> None:
    assert safe_url(href, "https://example.org/a/") is None
    assert safe_href(href) is None


def test_relative_links_need_a_base() -> None:
    assert safe_url("b.html", None) is None
    assert safe_url("b.html", "https://example.org/a/") == "https://example.org/a/b.html"


def test_schemes_can_be_narrowed_to_the_web() -> None:
    assert safe_url("mailto:ed@example.org", None) == "mailto:ed@example.org"
    assert safe_url("mailto:ed@example.org", None, WEB_SCHEMES) is None


def test_what_is_written_is_what_was_checked() -> None:
    """Controls are dropped everywhere, spaces only at the ends; inside they are encoded."""
    assert safe_url(" https://example.org/a\nb c ") == "https://example.org/ab c"
    assert safe_href(" https://example.org/a\nb c ") == "https://example.org/ab%20c"
    assert safe_href('https://example.org/?q="<x>"&p=%41') == \
        "https://example.org/?q=%22%3Cx%3E%22&p=%41"
