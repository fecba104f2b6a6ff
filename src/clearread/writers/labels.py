"""The few words the writers add around an article (page header, EPUB title page, cover,
contents), per language, as data.

A French article should not announce "By ... · 6 min read"; unknown languages fall back to English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    image: str                # "Image: {alt}" when a picture cannot be shown
    published: str            # "Published {date}"
    contents: str
    cover: str
    articles: str             # title of a bundle without one
    summary: str              # EPUB accessibility summary


LABELS: dict[str, Labels] = {
    "en": Labels("By {names}", " and ", "{minutes} min read", "Original article:",
                 "Untitled article", "Table", "{day} {month} {year}",
                 ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"),
                 "Image", "Published", "Contents", "Cover", "Articles",
                 ("Article text with a heading structure, a table of contents and text "
                 "alternatives for images; no fixed fonts, colours or sizes, so reading "
                 "system settings apply.")),
    "fr": Labels("Par {names}", " et ", "{minutes} min de lecture", "Article d’origine :",
                 "Article sans titre", "Tableau", "{day} {month} {year}",
                 ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre"),
                 "Image", "Publié le", "Table des matières", "Couverture", "Articles",
                 ("Texte de l'article avec une structure de titres, une table des matières "
                 "et des textes de remplacement pour les images ; ni police, ni couleur, ni "
                 "taille imposées : les réglages du lecteur s'appliquent.")),
    "es": Labels("Por {names}", " y ", "{minutes} min de lectura", "Artículo original:",
                 "Artículo sin título", "Tabla", "{day} de {month} de {year}",
                 ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre"),
                 "Imagen", "Publicado el", "Índice", "Cubierta", "Artículos",
                 ("Texto del artículo con estructura de encabezados, índice y textos "
                 "alternativos para las imágenes; sin fuentes, colores ni tamaños fijos, así "
                 "que se aplican los ajustes del lector.")),
    "de": Labels("Von {names}", " und ", "{minutes} Min. Lesezeit", "Originalartikel:",
                 "Artikel ohne Titel", "Tabelle", "{day}. {month} {year}",
                 ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember"),
                 "Bild", "Veröffentlicht am", "Inhalt", "Titelbild", "Artikel",
                 ("Artikeltext mit Überschriftenstruktur, Inhaltsverzeichnis und Textalternativen "
                 "für Bilder; keine festen Schriften, Farben oder Größen, damit die Einstellungen "
                 "des Lesegeräts gelten.")),
}


def labels_for(language: str) -> Labels:
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])


def join_names(names: tuple[str, ...], labels: Labels) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + labels.last_join + names[-1]


def human_date(day: date, labels: Labels) -> str:
    return labels.date_format.format(day=day.day, month=labels.months[day.month - 1],
                                     year=day.year)
