"""The plain-text reader: a copied page dump or a plain document → Document.

kind (dump or document?) → document + blocks (a document read whole) or dump (the article
found among site chrome). The shared word lists live in ``readers/vocabulary.py``.
"""

from clearread.readers.text.dump import read_text

__all__ = ["read_text"]
