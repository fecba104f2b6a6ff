"""Expected failures, each with a one-line message meant for the user (never a traceback)."""


class ClearreadError(Exception):
    """Base of every failure the CLI reports as one line and a non-zero exit."""


class InputError(ClearreadError):
    """A source could not be read or holds no article: names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NoArticleError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(source, "no article text found")


class OutputError(ClearreadError):
    """A writer could not produce its file (the earlier output, if any, is kept)."""
