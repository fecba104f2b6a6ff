"""The plain-text reader: scraped page dumps → Document, chrome dropped and recorded."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from clearread.errors import NoArticleError
from clearread.model import Heading, Paragraph, plain_text
from clearread.readers.text import read_text

ENGLISH_BODY = [
    "The city council voted on Tuesday to turn the old railway depot into a public library, "
    "ending a debate that had divided the neighbourhood for almost a decade.",
    "Supporters argued that the building, empty since the line closed, was the last large space "
    "in the district that could still be used by everyone without paying for it.",
    "Opponents had wanted the land sold to pay for road repairs, and several of them said after "
    "the vote that they would keep asking the council to publish the full cost of the work.",
    "Construction is expected to begin in the spring, and the library should open its doors "
    "to readers within two years if the budget holds.",
]
BIO = ("Jane Harlow covers local government and transport for the paper and has reported from "
       "the city hall for twelve years.")


def english_dump() -> str:
    chrome_top = ["Skip to main content", "Home | News | Sport | Weather", "Subscribe", "Sign in",
                  "Local News", "", "Council Backs Library Plan for Old Depot", "",
                  "A decade of argument ends with a narrow vote.", "By Jane Harlow",
                  "March 4, 2021", "Share", "@cityherald", ""]
    chrome_bottom = ["", "Jane Harlow", BIO, "Most Popular", "Parking fees rise again",
                     "Read more", "Newsletter", BIO, "© 2021 City Herald. All rights reserved.",
                     "Privacy Policy", "Cookies"]
    return "\n".join(chrome_top + [p + "\n" for p in ENGLISH_BODY] + chrome_bottom)


def body_texts(doc) -> list[str]:
    return [plain_text(b) for b in doc.blocks if isinstance(b, Paragraph)]


def test_synthetic_dump_keeps_body_and_finds_header() -> None:
    doc = read_text(english_dump(), "dump.txt")
    assert body_texts(doc) == ENGLISH_BODY
    assert doc.meta.title == "Council Backs Library Plan for Old Depot"
    assert doc.meta.subtitle == "A decade of argument ends with a narrow vote."
    assert doc.meta.authors == ("Jane Harlow",)
    assert doc.meta.published == "2021-03-04"
    assert doc.meta.language == "en"


def test_repeated_bio_and_chrome_never_in_body() -> None:
    doc = read_text(english_dump(), "dump.txt")
    body = "\n".join(plain_text(b) for b in doc.blocks)
    for chrome in ("Subscribe", "Most Popular", "Jane Harlow covers", "All rights reserved",
                   "@cityherald", "Home | News"):
        assert chrome not in body


def test_every_dropped_line_is_recorded_with_a_rule() -> None:
    text = english_dump()
    doc = read_text(text, "dump.txt")
    kept = {plain_text(b) for b in doc.blocks}
    removed = {r.text: r.rule for r in doc.meta.removed}
    for line in (raw.strip() for raw in text.splitlines()):
        if line:
            assert line in kept or line in removed, line
    assert all(rule for rule in removed.values())
    assert removed["Subscribe"] == "navigation"
    assert removed[BIO] == "repeated"
    assert removed["By Jane Harlow"] == "byline"
    assert removed["Council Backs Library Plan for Old Depot"] == "title"


def test_subheading_between_paragraphs() -> None:
    body = [*ENGLISH_BODY[:2], "What Happens Next", *ENGLISH_BODY[2:]]
    doc = read_text("Library Plan Approved by the Council\n" + "\n".join(body), "t.txt")
    headings = [plain_text(b) for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["What Happens Next"]
    assert body_texts(doc) == ENGLISH_BODY


def test_german_dump() -> None:
    text = "\n".join([
        "Startseite", "Anmelden", "Abonnieren", "",
        "Neue Brücke über den Fluss eröffnet", "Von Anna Becker",
        "Nach drei Jahren Bauzeit ist die neue Brücke am Montag für den Verkehr freigegeben "
        "worden, und schon am ersten Tag fuhren mehr als zehntausend Autos darüber.",
        "Die Stadt hatte lange mit dem Land über die Kosten gestritten, die am Ende deutlich "
        "höher ausfielen als zunächst geplant war.",
        "Anwohner hoffen nun, dass der Lärm in der Innenstadt spürbar zurückgeht, weil der "
        "Durchgangsverkehr nicht mehr durch die engen Straßen muss.",
        "Datenschutz", "Impressum", "Alle Rechte vorbehalten",
    ])
    doc = read_text(text, "de.txt")
    assert doc.meta.language == "de"
    assert doc.meta.authors == ("Anna Becker",)
    assert doc.meta.title == "Neue Brücke über den Fluss eröffnet"
    assert len(body_texts(doc)) == 3
    assert {r.rule for r in doc.meta.removed if r.text in {"Anmelden", "Impressum"}} == {
        "navigation"}


def test_french_dump() -> None:
    text = "\n".join([
        "Accueil", "Se connecter", "S'abonner", "",
        "Le marché couvert rouvre après deux ans de travaux", "Par Claire Dubois",
        "Les commerçants ont retrouvé leurs étals samedi matin, dans une halle entièrement "
        "rénovée dont la charpente a été conservée et renforcée.",
        "La mairie espère que le nouveau marché attirera de nouveau les habitants du centre, "
        "qui avaient pris l'habitude de faire leurs courses en périphérie.",
        "Publicité", "Lire aussi", "Tous droits réservés",
    ])
    doc = read_text(text, "fr.txt")
    assert doc.meta.language == "fr"
    assert doc.meta.authors == ("Claire Dubois",)
    assert len(body_texts(doc)) == 2
    assert "Publicité" not in "\n".join(body_texts(doc))


@pytest.mark.parametrize("layout", ["each-twice", "whole-text-twice"])
def test_paragraphs_printed_twice_keep_one_copy(layout: str) -> None:
    if layout == "each-twice":
        lines = [p for para in ENGLISH_BODY for p in (para, para)]
    else:
        lines = ENGLISH_BODY + ENGLISH_BODY
    doc = read_text("\n".join(["Home", "Subscribe", *lines, "Privacy Policy"]), "twice.txt")
    assert body_texts(doc) == ENGLISH_BODY
    removed = [(r.rule, r.text) for r in doc.meta.removed]
    assert removed.count(("repeated", ENGLISH_BODY[0])) == 1


def test_repeated_sentence_inside_article_keeps_first_copy() -> None:
    quote = "Nobody here wanted to lose the depot, but nobody wanted to pay for it either."
    body = [ENGLISH_BODY[0], quote, *ENGLISH_BODY[1:3], quote, ENGLISH_BODY[3]]
    text = "\n".join(["Home", "News", "Subscribe", "Library Plan Approved by the Council", *body,
                      "Share", "Most Popular", "Privacy Policy"])
    doc = read_text(text, "quote.txt")
    assert body_texts(doc) == [ENGLISH_BODY[0], quote, *ENGLISH_BODY[1:]]


def test_bio_above_and_below_the_article_is_dropped() -> None:
    text = "\n".join(["Council Backs Library Plan for Old Depot", "By Jane Harlow", BIO,
                      *ENGLISH_BODY, "Jane Harlow", BIO, "Most Popular", "Read more"])
    doc = read_text(text, "bio.txt")
    assert body_texts(doc) == ENGLISH_BODY
    assert [r.rule for r in doc.meta.removed if r.text == BIO] == ["repeated", "repeated"]


def test_photo_credits_and_copyright_are_dropped_and_recorded() -> None:
    caption = "The old depot seen from the river on Monday morning. (AP Photo/Sam Rivers)"
    legal = ("This article is subject to copyright. Apart from fair dealing for the purpose of "
             "private study or research, no part of it may be reproduced without the written "
             "permission of the publisher, and the content is provided for information only.")
    credits = ["Photo: Sam Rivers / Associated Press", "Getty Images",
               "ISSN 1234-5678", "© 2021 City Herald"]
    text = "\n".join(["Council Backs Library Plan for Old Depot", caption, credits[0],
                      ENGLISH_BODY[0], credits[1], *ENGLISH_BODY[1:], legal, *credits[2:]])
    doc = read_text(text, "credits.txt")
    assert body_texts(doc) == ENGLISH_BODY
    removed = {r.text: r.rule for r in doc.meta.removed}
    assert removed[caption] == "credit"
    assert removed[credits[0]] == "credit"
    assert removed[credits[1]] == "credit"
    assert removed[legal] == "copyright"
    assert removed["ISSN 1234-5678"] == "copyright"


def test_dump_with_only_short_sentences_still_converts() -> None:
    text = "\n".join(["Home", "News", "Subscribe", "Depot Vote Delayed",
                      "The council put off its vote on the depot.", "A new date is not set.",
                      "Share", "Privacy Policy", "© 2021 City Herald"])
    doc = read_text(text, "short.txt")
    assert body_texts(doc) == ["The council put off its vote on the depot.",
                               "A new date is not set."]


def _comment_section() -> list[str]:
    """A comment thread longer than the article: names, times, long opinions, vote counts."""
    comments = []
    for n, name in enumerate(["riverwatcher", "M. Okafor", "tram_fan_77", "old depot kid"]):
        comments += [name, f"{n + 2} hours ago", (
            "I walked past that depot every morning for years and always wondered why nobody "
            "used it, so a library seems like the right answer to me, even if the cost keeps "
            "growing and the council has not told us how the heating will be paid for."),
            f"Rating: {9 - n} votes"]
    return comments


def test_article_between_heavy_chrome() -> None:
    menu = ["News", "Sport", "Business", "Culture", "Travel", "Weather", "Opinion", "Video"]
    top = ["Skip to main content", *menu, "Sign in", "Subscribe", *menu,
           "Council Backs Library Plan for Old Depot", "By Jane Harlow", "Share this article"]
    bottom = ["Share", "Related Topics", "[ 24 comments ]", "Top Rated Comments",
              *_comment_section(), "About Jane Harlow", BIO, "Most Popular",
              "Parking fees rise again", "Bridge closed for repairs", *menu, "Privacy Policy"]
    doc = read_text("\n".join([*top, *ENGLISH_BODY, *bottom]), "heavy.txt")
    assert body_texts(doc) == ENGLISH_BODY
    assert doc.meta.title == "Council Backs Library Plan for Old Depot"
    assert doc.meta.authors == ("Jane Harlow",)


def test_author_box_after_the_article_is_dropped() -> None:
    text = "\n".join(["Home", "News", "Sign in", "Subscribe", *ENGLISH_BODY,
                      "About Jane Harlow", BIO, "Share", "Privacy Policy"])
    doc = read_text(text, "author.txt")
    assert body_texts(doc) == ENGLISH_BODY


def test_ranking_table_and_numbered_list_are_kept() -> None:
    intro = ("After the last round of the season the league published the final table, and "
             "the three clubs at the top were separated by only a handful of points.")
    rows = ["1 Northfield Rovers 84 26 6", "2 Eastbridge Town 81 25 6",
            "3 Harbour City 79 24 7", "4 Home Park Rangers 70 21 7"]
    items = ["1) Best goal: the volley against Harbour City", "https://example.com/goal",
             "2) Best save: the penalty in the cup final", "https://example.com/save",
             "3) Best comeback: three goals in ten minutes", "https://example.com/comeback"]
    text = "\n".join(["Home", "Tables", "Subscribe", "Final League Table", intro, *rows,
                      "Our highlights of the season:", *items, "Most Popular", "Share",
                      "Privacy Policy", "© 2021 League News"])
    doc = read_text(text, "table.txt")
    assert body_texts(doc) == [intro, *rows, "Our highlights of the season:", *items[::2]]
    removed = {r.text: r.rule for r in doc.meta.removed}
    assert removed["https://example.com/goal"] == "link-like"


@pytest.mark.parametrize("above", [True, False])
def test_numbered_most_popular_list_is_chrome(above: bool) -> None:
    popular = ["Most Popular", "1 Parking fees rise again in the city centre",
               "2 Bridge closed for repairs until May", "3 School league tables published"]
    page = [*popular, *ENGLISH_BODY] if above else [*ENGLISH_BODY, *popular]
    doc = read_text("\n".join(["Home", "News", "Subscribe", *page, "Privacy Policy"]), "p.txt")
    assert body_texts(doc) == ENGLISH_BODY


@pytest.mark.parametrize("text", ["", "   \n\n", "Home\nNews\nSubscribe\nSign in\nPrivacy Policy\n"
                                  "Share\nMost Popular\nRead more\n© 2020 All rights reserved"])
def test_no_article_raises(text: str) -> None:
    with pytest.raises(NoArticleError):
        read_text(text, "empty.txt")


# --- against ../shared --------------------------------------------------------------------------


def test_seed_article(shared_dir: Path) -> None:
    seeds = shared_dir / "seeds"
    expected = json.loads((seeds / "scraped-article.expected.json").read_text(encoding="utf-8"))
    doc = read_text((seeds / "scraped-article.txt").read_text(encoding="utf-8"), "seed")
    assert doc.meta.title == expected["title"]
    assert doc.meta.subtitle == expected["subtitle"]
    assert list(doc.meta.authors) == expected["authors"]
    assert body_texts(doc) == expected["body_paragraphs"]
    body = "\n".join(plain_text(b) for b in doc.blocks)
    for chrome in expected["must_not_appear_in_body"]:
        assert chrome not in body
    assert doc.meta.language == "en"


def _load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("extraction_score", corpus / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_corpus_f1(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "extraction-dev"
    scorer = _load_scorer(corpus)
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in truth.items():
        text = (corpus / f"{page_id}.txt").read_text(encoding="utf-8")
        try:
            doc = read_text(text, page_id)
            predicted = "\n\n".join(plain_text(b) for b in doc.blocks)
        except NoArticleError:
            predicted = ""
        pages.append(scorer.page_scores(entry["articleBody"], predicted))
    assert scorer.aggregate(pages)["f1"] >= 0.96     # README: F1 0.967
