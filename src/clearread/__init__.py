"""clearread: web articles as large-print HTML, EPUB and spoken audio."""

__version__ = "0.1.0"
