"""A progress bar for long commands (rich), silent for short jobs and when output is not a terminal."""

from __future__ import annotations

from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def progress_bar(description: str, stream=None):
    """Yields ``update(done, total)``; the bar appears once there is work to show."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=False) as progress:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if task is None:
                task = progress.add_task(description, total=total)
            progress.update(task, completed=done, total=total)

        yield update
