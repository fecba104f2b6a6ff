"""Model-built articles for the EPUB tests: every block kind, hostile links, images, French."""

from __future__ import annotations

import io

from PIL import Image

from clearread import model as m

HOSTILE = ("javascript:alert(1)", " JaVaScRiPt:alert(2)", "data:text/html,<b>x</b>",
           "vbscript:msgbox", "file:///etc/passwd")


def png(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def t(text: str) -> tuple[m.Inline, ...]:
    return (m.Text(text),)


def para(text: str) -> m.Paragraph:
    return m.Paragraph(t(text))


def rich(language: str = "en", title: str = "Harbour heat pumps warm the old town",
         url: str = "https://news.example.org/2024/heat-pumps") -> m.Document:
    hostile = tuple(m.Link(h, t(f"bad {i}")) for i, h in enumerate(HOSTILE))
    blocks: tuple[m.Block, ...] = (
        para("The harbour's new heat pumps started work in March — quietly."),
        m.Heading(2, t("How it works")),
        m.Paragraph((m.Text("Sea water at 8 °C is enough, says "),
                     m.Link("https://example.org/engineer", (m.Emphasis(t("the engineer")),)),
                     m.Text(". "), m.Strong(t("Really.")), m.Text(" See "),
                     m.Code("pump --status"), m.LineBreak(), m.Text("for details. "),
                     *hostile)),
        m.Heading(3, t("The pumps")),
        m.List(False, (m.ListItem((para("Three pumps"),)),
                       m.ListItem((para("One spare"), m.List(True, (
                           m.ListItem((para("nested first"),)),)))),)),
        m.Quote((para("It is the quietest machine in town."),)),
        m.Figure("https://cdn.example.org/pump.png", "A heat pump beside the quay",
                 t("The first pump, 2024.")),
        m.Figure("https://cdn.example.org/missing.jpg", "Map of the pipes", t("Pipe map.")),
        m.Heading(5, t("A deep heading that skips levels")),
        m.Table((
            (m.Cell(t("Year"), header=True), m.Cell(t("Homes"), header=True)),
            (m.Cell(t("2024")), m.Cell(t("1200"))),
        ), t("Homes heated")),
        m.Preformatted("line one\n    indented <tag> & more"),
        m.Break(),
        m.Heading(2, t("Costs")),
        para("Prices: 1990-1995 were different... Ünïcödé: ĳ, ß, 東京, Ελληνικά."),
    )
    meta = m.Metadata(title=title, subtitle="A quiet revolution", authors=("Ann Lee", "Bo Ström"),
                      published="2024-03-05", source_url=url, site_name="Example News",
                      language=language, description="Heat pumps in the harbour.")
    return m.Document(meta, blocks, (m.Resource("https://cdn.example.org/pump.png", "image/png",
                                                png()),))


def french() -> m.Document:
    meta = m.Metadata(title="La bibliothèque de quartier", authors=("Élise Martin",),
                      published="2023-11-20T09:30:00+01:00",
                      source_url="https://exemple.fr/bibliotheque", site_name="Le Quotidien",
                      language="fr")
    blocks = (para("Ouverte à tous, elle reçoit « beaucoup » de lecteurs."),
              m.Heading(2, t("Les horaires")),
              m.List(True, (m.ListItem((para("Lundi : fermé"),)),
                            m.ListItem((para("Mardi : 9 h – 18 h"),)))),
              m.Figure("https://exemple.fr/facade.jpg", "La façade", ()))
    return m.Document(meta, blocks)


def minimal() -> m.Document:
    """No title, no metadata at all: the writer must still make a valid book."""
    return m.Document(m.Metadata(), (para("Just one paragraph."),))


def long(sections: int = 12) -> m.Document:
    body = " ".join(["Words of a long article that goes on."] * 120)
    blocks: list[m.Block] = [para("Intro.")]
    for i in range(sections):
        blocks += [m.Heading(1, t(f"Part {i + 1}")), para(body), m.Heading(2, t(f"Sub {i + 1}")),
                   para(body)]
    return m.Document(m.Metadata(title="A very long read", language="en-GB",
                                 source_url="https://example.org/long"), tuple(blocks))
