"""The HTML reader: a saved page or a fragment → Document (see ``reader.read_html``).

parse (tolerant parsing) → meta (title, authors, dates) → prepare (captions, logos) → extract
(the article, chosen by evidence) → to_model (kept HTML → model) → clean (repeats and chrome);
``settings`` holds every rule and threshold as data; ``stream`` reads huge pages in one pass.
"""

from clearread.readers.html.reader import read_html

__all__ = ["read_html"]
