"""Heading levels for visual outputs: the article title is the h1, so the article's own
headings start at h2 and never skip a level (screen-reader users navigate by them)."""

from __future__ import annotations

import dataclasses

from clearread import model


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def outline_levels(levels: list[int]) -> list[int]:
    """Page heading levels for article levels: below the h1, never skipping a level."""
    stack: list[int] = []
    out = []
    for level in levels:
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        out.append(min(6, len(stack) + 1))
    return out


def normalise_headings(blocks: tuple[model.Block, ...], title: str) -> tuple[model.Block, ...]:
    """Drop a first heading that repeats the title (the page's h1) and renumber the rest."""
    if blocks and isinstance(blocks[0], model.Heading) and title.strip() \
            and _same_text(model.plain_text(blocks[0]), title):
        blocks = blocks[1:]
    headings = [n for n in model.walk(model.Document(blocks=blocks))
                if isinstance(n, model.Heading)]
    new_levels = iter(outline_levels([h.level for h in headings]))

    def renumber(node: object) -> object:
        if isinstance(node, model.Heading):
            return dataclasses.replace(node, level=next(new_levels))
        return node

    return model.transform(blocks, renumber)
