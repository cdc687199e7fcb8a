"""What the benchmarks share: whole processes timed (median of several runs, with the
fastest and slowest) with the peak memory of each run, in-process timings the same way,
and the table the results are printed in.

A run's peak memory is the ``ru_maxrss`` that ``os.wait4`` gives for the process: the
largest resident set of the process or of any process it forked and waited for (vlr's
chart workers and the data workbook's writer), as ``/usr/bin/time -v`` reports it. Pages a
forked worker shares with its parent count in the worker's resident set too, so this is an
upper bound of what the machine needed at once, not a sum.

Linux starts a process's ``ru_maxrss`` at the high-water mark of the process that forked
it (across ``exec`` too, and with ``vfork``): a command started straight from a benchmark
that has loaded a large review in-process would report the benchmark's peak. So each run
goes through a small launcher (this file run as ``python _timing.py --launch``): it starts
the command, times it, and reports its time and ``ru_maxrss``; the launcher's own few MiB
are the least a figure can be.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The runs a figure is the median of, unless told otherwise (``--runs``).
RUNS = 5


@dataclass
class Runs:
    """The seconds (and, for processes, the peak MiB) of each run of one measure."""

    seconds: list[float]
    peak_mib: list[float] = field(default_factory=list)
    #: User and system CPU seconds of the process and the workers it waited for.
    cpu: list[float] = field(default_factory=list)
    #: The last run's output, for what a measure reads from it (``vlr build --timings``).
    stdout: str = ""
    stderr: str = ""
    outputs: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return statistics.median(self.peak_mib)


def process(
    command: Sequence[str],
    runs: int = RUNS,
    *,
    cwd: Path = ROOT,
    env: dict | None = None,
    before: Callable[[], None] | None = None,
    after: Callable[[], None] | None = None,
    ok: Sequence[int] = (0,),
) -> Runs:
    """Run ``command`` ``runs`` times as a process of its own (``before`` first and ``after``
    last, untimed, each time): its wall time from start to exit, and the peak memory of it
    and its children. A run that ends with an exit code not in ``ok`` stops the benchmark
    with its output."""
    import json

    found = Runs([])
    for _ in range(runs):
        if before:
            before()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as report:
            launcher = [sys.executable, __file__, "--launch", str(report.fileno()), "--", *map(str, command)]
            subprocess.run(launcher, cwd=cwd, env=env, stdout=out, stderr=err, pass_fds=(report.fileno(),))
            report.seek(0)
            code, took, peak_kib, cpu = json.loads(report.read() or b"[-1, 0, 0, 0]")
            out.seek(0)
            err.seek(0)
            found.stdout = out.read().decode("utf-8", "replace")
            found.stderr = err.read().decode("utf-8", "replace")
        if code not in ok:
            sys.exit(f"benchmark: {' '.join(map(str, command))} ended with {code}:\n{found.stderr[-3000:]}")
        found.seconds.append(took)
        found.peak_mib.append(peak_kib / 1024)  # KiB on Linux
        found.cpu.append(cpu)
        found.outputs.append(found.stderr)
        if after:
            after()
    return found


def launch(report_fd: int, command: list[str]) -> None:
    """The launcher: run ``command`` (its output is this process's), and write its exit code,
    its seconds from start to exit, its ``ru_maxrss`` (KiB) and its CPU seconds (user and
    system) as JSON to ``report_fd``."""
    import json

    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    with os.fdopen(report_fd, "w") as report:
        json.dump([os.waitstatus_to_exitcode(status), took, usage.ru_maxrss, usage.ru_utime + usage.ru_stime], report)


def python(code_or_args: Sequence[str] | str, runs: int = RUNS, **kw) -> Runs:
    """``python -c CODE`` (a string) or ``python ARGS…`` (a list) as :func:`process` runs it,
    with the interpreter that runs the benchmark (the project's virtual environment)."""
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else list(code_or_args)
    return process([sys.executable, *args], runs, **kw)


def vlr(args: Sequence[str], runs: int = RUNS, **kw) -> Runs:
    """``vlr ARGS…`` as the user runs it (the installed console script: ``python -m vlr``)."""
    return process([sys.executable, "-m", "vlr", *map(str, args)], runs, **kw)


def in_process(fn: Callable[[], object], runs: int = RUNS) -> tuple[Runs, object]:
    """``fn()`` timed ``runs`` times in this process, and what it returned the last time."""
    found, result = Runs([]), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        found.seconds.append(time.perf_counter() - start)
    return found, result


def of(seconds: Sequence[float]) -> Runs:
    """Figures measured elsewhere (the stage times a build prints) as :class:`Runs`."""
    return Runs(list(seconds))


# --- the table ------------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.2f} s"


def limit(value: float) -> str:
    """A goal in seconds, as it is said: ``6 s``, ``1.2 s``, ``500 ms``."""
    return f"{value * 1000:g} ms" if value < 1 else f"{value:g} s"


def span(values: Sequence[float], unit: Callable[[float], str] = seconds) -> str:
    """``low–high``, each in ``unit``, the unit said once where it is the same."""
    low, high = unit(min(values)), unit(max(values))
    a, _, a_unit = low.rpartition(" ")
    b, _, b_unit = high.rpartition(" ")
    return f"{a}–{b} {b_unit}" if a_unit == b_unit else f"{low}–{high}"


def mib(value: float) -> str:
    return f"{value:,.0f} MiB"


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


@dataclass
class Row:
    measure: str
    median: str
    spread: str = ""
    baseline: str = ""
    ratio: str = ""
    goal: str = ""


class Table:
    """The benchmark's results, a row per measure, printed as one Markdown table (the
    README quotes it as it is) under a line saying when and on what it was measured."""

    HEADER = ("measure", "median", "min–max", "baseline", "ratio", "goal")

    def __init__(self, title: str):
        self.title = title
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def section(self, text: str) -> None:
        self.rows.append(Row(f"**{text}**", ""))

    def time(
        self,
        measure: str,
        runs: Runs,
        baseline: tuple[str, Runs] | None = None,
        *,
        goal_s: float | None = None,
        goal_ratio: float | None = None,
        at_most: bool = False,
    ) -> None:
        """A row of times: the median and spread of ``runs``; beside it ``baseline`` (what it
        is, and its runs) and the ratio of the medians; the goal in seconds (``< goal_s``) or
        as a ratio (``≤ goal_ratio×``), said met or not."""
        row = Row(measure, seconds(runs.median), span(runs.seconds))
        ratio = None
        if baseline is not None:
            what, base = baseline
            row.baseline = f"{what}: {seconds(base.median)} ({span(base.seconds)})"
            ratio = runs.median / base.median
            row.ratio = f"{ratio:.2f}×"
        if goal_s is not None:
            met = runs.median <= goal_s if at_most else runs.median < goal_s
            row.goal = f"{'≤' if at_most else '<'} {limit(goal_s)}: {'met' if met else 'not met'}"
        elif goal_ratio is not None and ratio is not None:
            row.goal = f"≤ {goal_ratio:g}×: {'met' if ratio <= goal_ratio else 'not met'}"
        self.rows.append(row)

    def memory(self, measure: str, runs: Runs, goal_mib: float | None = None) -> None:
        row = Row(measure, mib(runs.peak), span(runs.peak_mib, mib))
        if goal_mib is not None:
            row.goal = f"< {goal_mib:g} MiB: {'met' if runs.peak < goal_mib else 'not met'}"
        self.rows.append(row)

    def cpu(self, measure: str, runs: Runs) -> None:
        """The CPU seconds of ``runs``, beside their wall time: on this machine's cores, the
        least wall time the same work could take is the CPU time over the cores."""
        row = Row(measure, seconds(statistics.median(runs.cpu)), span(runs.cpu))
        row.ratio = f"{statistics.median(runs.cpu) / runs.median:.2f}× the wall time"
        self.rows.append(row)

    def size(self, measure: str, size: int, goal_bytes: float | None = None) -> None:
        row = Row(measure, megabytes(size))
        if goal_bytes is not None:
            row.goal = f"< {goal_bytes / 1e6:g} MB: {'met' if size < goal_bytes else 'not met'}"
        self.rows.append(row)

    def text(self, measure: str, value: str, goal: str = "") -> None:
        self.rows.append(Row(measure, value, goal=goal))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def render(self) -> str:
        cells = [self.HEADER, *((r.measure, r.median, r.spread, r.baseline, r.ratio, r.goal) for r in self.rows)]
        lines = [f"{self.title}: {machine()}", ""]
        lines.append("| " + " | ".join(cells[0]) + " |")
        lines.append("|" + "|".join("---" for _ in cells[0]) + "|")
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells[1:]]
        if self.notes:
            lines += ["", *(f"- {n}" for n in self.notes)]
        return "\n".join(lines)

    def print(self, keep: Path | None = None) -> None:
        """Print the table, and keep it in ``keep`` (Markdown) if given."""
        text = self.render()
        print(text, flush=True)
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_text(text + "\n", encoding="utf-8")


def machine() -> str:
    """When and on what: the date, the processor, its cores, the load, Python, the commit."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = "/".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{dt.date.today():%d %B %Y}, {cpu}, {os.cpu_count()} cores, load {load}, "
        f"Python {platform.python_version()}, vlr at {commit or '?'}"
    )


def stage_times(runs: Runs) -> dict[str, list[float]]:
    """The stage times each ``vlr build --timings`` run printed (``Time by stage: read and
    validate 2194 ms, …``), in seconds, a list per stage in the order printed."""
    import re

    found: dict[str, list[float]] = {}
    for stderr in runs.outputs:
        line = next((x for x in stderr.splitlines() if x.startswith("Time by stage:")), "")
        for name, ms in re.findall(r"([a-z][a-z ]*?) (\d+) ms", line.split(":", 1)[-1].split(";")[0]):
            found.setdefault(name.strip(), []).append(int(ms) / 1000)
    return found


if __name__ == "__main__" and sys.argv[1:2] == ["--launch"]:
    launch(int(sys.argv[2]), sys.argv[4:])
