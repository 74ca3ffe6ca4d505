"""Progress bars for long commands (rich), shown once there is work to show."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

Update = Callable[[int, int], None]


@contextmanager
def progress_bars(*descriptions: str, stream: TextIO | None = None) -> Iterator[list[Update]]:
    """Yields one ``update(done, total)`` per description, all drawn in one display on ``stream``
    (standard error by default)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    console = Console(file=stream, stderr=stream is None)
    with Progress(*columns, console=console, transient=False) as progress:
        yield [_updater(progress, description) for description in descriptions]


@contextmanager
def progress_bar(description: str, stream: TextIO | None = None) -> Iterator[Update]:
    with progress_bars(description, stream=stream) as (update,):
        yield update


def _updater(progress: Progress, description: str) -> Update:
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            task = progress.add_task(description, total=total)
        progress.update(task, completed=done, total=total)

    return update
