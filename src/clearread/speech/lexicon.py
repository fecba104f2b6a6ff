"""Words the script speaks around the text, per language, as data.

Each language maps a phrase key to its wording; the script never spells a phrase inline, so a
new language is one more table. Unknown languages fall back to English phrases.
"""

from __future__ import annotations

from typing import Final

PHRASES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "introduction": "Introduction",
        "by": "By",
        "and": "and",
        "published": "Published",
        "from": "From",
        "quote": "Quote.",
        "end_quote": "End quote.",
        "image": "Image",
        "table": "Table",
        "row": "Row",
        "code_omitted": "Code block omitted.",
    },
    "fr": {
        "introduction": "Introduction",
        "by": "Par",
        "and": "et",
        "published": "Publié le",
        "from": "Source :",
        "quote": "Citation.",
        "end_quote": "Fin de citation.",
        "image": "Image",
        "table": "Tableau",
        "row": "Ligne",
        "code_omitted": "Bloc de code omis.",
    },
    "de": {
        "introduction": "Einleitung",
        "by": "Von",
        "and": "und",
        "published": "Veröffentlicht am",
        "from": "Quelle:",
        "quote": "Zitat.",
        "end_quote": "Zitat Ende.",
        "image": "Bild",
        "table": "Tabelle",
        "row": "Zeile",
        "code_omitted": "Codeblock ausgelassen.",
    },
    "es": {
        "introduction": "Introducción",
        "by": "Por",
        "and": "y",
        "published": "Publicado el",
        "from": "Fuente:",
        "quote": "Cita.",
        "end_quote": "Fin de la cita.",
        "image": "Imagen",
        "table": "Tabla",
        "row": "Fila",
        "code_omitted": "Bloque de código omitido.",
    },
}


def base_language(language: str) -> str:
    """``"en-GB"`` → ``"en"``; empty or unknown tags keep their primary subtag, lower-cased."""
    return (language or "en").replace("_", "-").split("-")[0].strip().lower() or "en"


def phrases(language: str) -> dict[str, str]:
    return PHRASES.get(base_language(language), PHRASES["en"])
