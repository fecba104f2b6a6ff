"""The few words the large-print page adds around an article, per language, as data.

A French article should not announce "By ... · 6 min read"; unknown languages fall back to English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Labels:
    by: str                   # "By {names}"
    last_join: str            # "A, B and C"
    reading_time: str         # "{minutes} min read"
    source: str               # "Original article: {link}"
    untitled: str
    table: str                # name of a table without a caption
    date_format: str          # "{day} {month} {year}"
    months: tuple[str, ...]


LABELS: dict[str, Labels] = {
    "en": Labels("By {names}", " and ", "{minutes} min read", "Original article:",
                 "Untitled article", "Table", "{day} {month} {year}",
                 ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")),
    "fr": Labels("Par {names}", " et ", "{minutes} min de lecture", "Article d’origine :",
                 "Article sans titre", "Tableau", "{day} {month} {year}",
                 ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre")),
    "es": Labels("Por {names}", " y ", "{minutes} min de lectura", "Artículo original:",
                 "Artículo sin título", "Tabla", "{day} de {month} de {year}",
                 ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre")),
    "de": Labels("Von {names}", " und ", "{minutes} Min. Lesezeit", "Originalartikel:",
                 "Artikel ohne Titel", "Tabelle", "{day}. {month} {year}",
                 ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember")),
}


def labels_for(language: str) -> Labels:
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])


def join_names(names: tuple[str, ...], labels: Labels) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + labels.last_join + names[-1]


def parse_date(value: str | None) -> date | None:
    """An ISO date or date-time as a date; None when absent or not ISO."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


def human_date(day: date, labels: Labels) -> str:
    return labels.date_format.format(day=day.day, month=labels.months[day.month - 1],
                                     year=day.year)
