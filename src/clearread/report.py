"""Progress and summaries for the CLI: a rich progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clearread.batch import Summary
    from clearread.pipeline import ItemResult

MIN_STEPS = 40      # items with fewer segments than this finish too fast for their own bar
STATUS_WORDS = {"converted": "converted", "unchanged": "unchanged, skipped",
                "failed": "failed", "read": "read"}
#: C0 and C1 controls: an untrusted name or server message must not drive the terminal.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """Untrusted text (file names, URLs, server messages) as it may reach the terminal."""
    return _CONTROLS.sub("?", text)


def rich_text(text: str) -> str:
    """Untrusted text for rich: shown, with ``[...]`` escaped so it is never read as markup."""
    from rich.markup import escape

    return escape(shown(text))


class Reporter:
    """Receives each finished item; shows progress on stderr so stdout stays clean."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.total = 0
        self.done = 0
        self.started = False
        self.item_tasks: dict[str, object] = {}
        self.progress = None
        self.task = None
        self.interactive = sys.stderr.isatty() and not quiet

    def __enter__(self) -> Reporter:
        if self.interactive:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True)
            self.progress.__enter__()
            self.task = self.progress.add_task("converting", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.__exit__(None, None, None)

    def item(self, status: str, result: ItemResult | None) -> None:
        if status == "start":
            self.started = True
            self.total = int(result.source) if result else 0
            if self.progress is not None:
                self.progress.update(self.task, total=self.total)
            return
        self.done += self.started
        line = self.describe(status, result)
        if result is not None and result.source in self.item_tasks:
            self.progress.remove_task(self.item_tasks.pop(result.source))
        if self.progress is not None:
            name = Path(result.source).name[:40]
            self.progress.update(self.task, completed=self.done,
                                 description=rich_text(f"converting {name}"))
            if status == "failed":
                self.progress.console.print(f"[red]failed[/red] {rich_text(result.error)}",
                                            markup=True, highlight=False)
        elif status != "failed" and not self.quiet:   # failures are listed once, at the end
            print(shown(line), file=sys.stderr, flush=True)

    def step(self, source: str, done: int, total: int) -> None:
        """Progress inside one long item (speaking it), as its own bar under the overall one."""
        if self.progress is None or total < MIN_STEPS:
            return
        if source not in self.item_tasks:
            self.item_tasks[source] = self.progress.add_task(
                rich_text(f"  speaking {Path(source).name[:36]}"), total=total)
        self.progress.update(self.item_tasks[source], completed=done)

    def describe(self, status: str, result: ItemResult) -> str:
        if status == "failed":
            return f"failed: {result.error}"
        counter = f"[{self.done}/{self.total}]" if self.total else ""
        outputs = ", ".join(result.meta.get("outputs", {}).values())
        tail = f" -> {outputs}" if outputs else ""
        return f"{counter} {STATUS_WORDS.get(status, status)}: {result.source}{tail} " \
               f"({result.seconds:.1f} s)"

    def summary(self, summary: Summary, outdir: Path) -> None:
        failures = summary.failed
        if len(summary.results) + len(summary.errors) == 1 and failures:
            print(f"clearread: error: {shown(failures[0])}", file=sys.stderr)
            return
        converted, unchanged = summary.count("converted"), summary.count("unchanged")
        read = summary.count("read")
        parts = [f"{converted + read} converted"]
        if unchanged:
            parts.append(f"{unchanged} unchanged")
        parts.append(f"{len(failures)} failed")
        if summary.interrupted:
            parts.append("interrupted")
        print(f"clearread: {', '.join(parts)}; output in {outdir}", file=sys.stderr)
        if failures:
            print("failed:", file=sys.stderr)
            for error in failures:
                print(f"  {shown(error)}", file=sys.stderr)
