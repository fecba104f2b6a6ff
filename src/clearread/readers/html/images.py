"""Pictures saved next to a page ("Save page as… complete" keeps them in ``page_files/``).

The reader may read these, and only these: files under the page's own folder, recognised as
images by their first bytes, within a size budget. Nothing is ever fetched from the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from clearread.model import Resource, image_type

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024


class LocalImages:
    """Loads relative image paths of a page saved in ``folder``, never outside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.budget = MAX_TOTAL_BYTES
        self.loaded: dict[str, Resource] = {}

    def load(self, src: str | None) -> Resource | None:
        """The picture ``src`` names, or None (the figure is then described by its alt text)."""
        if not src or src in self.loaded:
            return self.loaded.get(src or "")
        try:
            data = self._read(src)
        except (OSError, ValueError):      # a NUL in the name, a name too long, no permission
            return None
        kind = image_type(data) if data is not None else None
        if kind is None:
            return None
        self.budget -= len(data)
        self.loaded[src] = Resource(src, kind, data)
        return self.loaded[src]

    def _read(self, src: str) -> bytes | None:
        """The bytes of a relative path inside the page's folder, within the size budget."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        path = (self.folder / unquote(parts.path)).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        if path.stat().st_size > min(MAX_IMAGE_BYTES, self.budget):
            return None
        return path.read_bytes()

    @property
    def resources(self) -> tuple[Resource, ...]:
        return tuple(self.loaded.values())
