"""A fuzzer for vlr: mutated copies of the example review through the whole command line.

    python tests/fuzzing.py --count 500 --seed 7 [--out build/fuzz] [--jobs 2]

Each case copies the shipped example (``indicators/``) and mutates it at one level:

- **cell**: a value from a pool of awkward ones (huge texts, line breaks, superscript
  digits, 1e308, 400 nines, template syntax, hand-typed bullets, odd periods), or a value
  far from the table (``XFD1048576``);
- **sheet**: a title row above the headings, a sheet renamed, removed or repeated, a
  heading renamed, columns swapped, rows removed;
- **xml**: a byte flipped, a part truncated, garbage inserted, a sheet re-encoded in
  UTF-16, an element removed, inside the workbook's XML;
- **zip**: bytes flipped or cut in the file itself, an empty file, garbage appended;
- **folder**: odd entries beside the workbooks (a link loop, a zero-byte or misnamed
  workbook, a picture named .xlsx, a folder named .xlsx, a CSV).

Then ``vlr validate`` (text and JSON), ``vlr build`` and ``vlr check-docx`` run on it as
separate processes, and the contract is checked: exit 0, 1 or 2 only; never a traceback
or an internal error; no hang; the input unchanged; validate and build agree; a draft
vlr wrote passes check-docx; every exit 2 ends with its reason as one ``Error:`` line on
standard error (after the build's progress lines, if any), with JSON on
standard output under ``--format json``; every line of a report bounded; no draft left
behind by a build that failed. Each distinct failure is written to ``--out`` as a
reproducer folder (the input, the command and what it printed).

The test suite runs a few cases with a fixed seed (``tests/test_fuzz.py``); ``make fuzz
N=…`` runs long campaigns.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "indicators"
TIMEOUT = 60
MAX_LINE = 2000

VALUES = [
    "",
    " ",
    "x" * 40000,
    "line\n" * 2000,
    "\u00b2",
    "6, \u00b2, 9",
    "1e308",
    1e308,
    -1e308,
    "9" * 400,
    "NaN",
    "-0",
    0,
    -1,
    10**15,
    1.5e-300,
    True,
    "=1/0",
    "=SUM(A1:A2)",
    "#N/A",
    "{{ nonexistent }}",
    "{% include 'x' %}",
    "{% if %}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 'a' * 1000000000 }}",
    "* star",
    "- item\n- item",
    "\u2022 bullet",
    "1. first",
    "2019/20",
    "2014-11",
    "2021-07-27",
    "1899",
    "99999",
    "2000 - 02",
    "Q3 2014",
    "13.9",
    "11.2, 99.9",
    "13",
    "11.a; 11.b",
    "SDG 11.2.1",
    "increase",
    "up",
    "unknown",
    "Planned",
    "Running",
    "\u202eevil",
    "\U0001f600",
    "\u00a0\u00a0",
    "_x0000_",
    "<script>",
    "a\u0000b",
    "\ud800" if False else "\ufffd",
    "Ï" * 300,
    "café",
    "1 234,5",
    "1,234",
    "12 %",
]


@dataclass
class Case:
    number: int
    seed: int
    level: str = ""
    description: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)


# --- mutations -------------------------------------------------------------------------


def _workbooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".xlsx")


def mutate_cell(folder: Path, rng: random.Random) -> str:
    import openpyxl

    path = rng.choice(_workbooks(folder))
    wb = openpyxl.load_workbook(path)
    ws = rng.choice(wb.worksheets)
    value = rng.choice(VALUES)
    if isinstance(value, str):
        value = value.replace("\x00", "")  # openpyxl refuses NUL itself; the XML level tries it
    if rng.random() < 0.15:
        ref = rng.choice(["XFD1048576", "XFD100000", "A1048576", "AZ5000", "ZZ1"])
    else:
        ref = f"{openpyxl.utils.get_column_letter(rng.randint(1, ws.max_column + 1))}{rng.randint(1, ws.max_row + 1)}"
    try:
        ws[ref] = value
    except Exception as exc:  # openpyxl's own limits: not what is tested here
        return f"cell {path.name}!{ws.title}!{ref}: openpyxl refused ({type(exc).__name__})"
    wb.save(path)
    return f"cell {path.name} {ws.title}!{ref} = {str(value)[:60]!r}"


def mutate_sheet(folder: Path, rng: random.Random) -> str:
    import openpyxl

    path = rng.choice(_workbooks(folder))
    wb = openpyxl.load_workbook(path)
    ws = rng.choice(wb.worksheets)
    kind = rng.choice(["title-row", "rename", "remove", "copy", "heading", "swap", "delete-rows", "blank-rows"])
    if kind == "title-row":
        ws.insert_rows(1)
        ws["A1"] = "Indicators of the review"
    elif kind == "rename":
        ws.title = rng.choice(["Data ", "data", "Indicators2", "Review", "Actions", "X" * 31])[:31]
    elif kind == "remove" and len(wb.worksheets) > 1:
        wb.remove(ws)
    elif kind == "copy":
        wb.copy_worksheet(ws)
    elif kind == "heading":
        ws.cell(1, rng.randint(1, max(1, ws.max_column))).value = rng.choice(["", "Year ", "year", "Value", "??"])
    elif kind == "swap" and ws.max_column > 1:
        a, b = rng.sample(range(1, ws.max_column + 1), 2)
        for row in range(1, ws.max_row + 1):
            ca, cb = ws.cell(row, a), ws.cell(row, b)
            ca.value, cb.value = cb.value, ca.value
    elif kind == "delete-rows":
        ws.delete_rows(rng.randint(1, max(1, ws.max_row)), rng.randint(1, 5))
    else:
        ws.insert_rows(rng.randint(2, max(2, ws.max_row)), rng.randint(1, 3))
    wb.save(path)
    return f"sheet {path.name} {ws.title}: {kind}"


def _rewrite_zip(path: Path, change) -> str:
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info)) for info in zf.infolist()]
    xml = [i for i, (info, _) in enumerate(items) if info.filename.endswith(".xml")]
    index = change.pick(xml)
    info, data = items[index]
    items[index] = (info, change.apply(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            zf.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return info.filename


def mutate_xml(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_workbooks(folder))
    kind = rng.choice(["flip", "truncate", "garbage", "utf16", "drop-element", "nul"])

    class Change:
        def pick(self, candidates):
            sheets = [c for c in candidates if True]
            return rng.choice(sheets)

        def apply(self, data: bytes) -> bytes:
            if not data:
                return data
            at = rng.randrange(len(data))
            if kind == "flip":
                return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
            if kind == "truncate":
                return data[:at]
            if kind == "garbage":
                return (
                    data[:at]
                    + rng.choice([b"<x>", b"</row>", b"&bogus;", b"\xff\xfe", b'<c r="XFD1048576"><v>1</v></c>'])
                    + data[at:]
                )
            if kind == "utf16":
                text = data.decode("utf-8", errors="replace").replace('encoding="UTF-8"', 'encoding="UTF-16"')
                return text.encode("utf-16")
            if kind == "nul":
                return data[:at] + b"\x00" + data[at:]
            start = data.find(b"<", at)
            end = data.find(b">", start)
            return data[:start] + data[end + 1 :] if start >= 0 and end >= 0 else data

    part = _rewrite_zip(path, Change())
    return f"xml {path.name} {part}: {kind}"


def mutate_zip(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_workbooks(folder))
    data = path.read_bytes()
    kind = rng.choice(["flip", "cut", "empty", "append", "flip-many"])
    if kind == "flip" or kind == "flip-many":
        raw = bytearray(data)
        for _ in range(1 if kind == "flip" else 20):
            at = rng.randrange(len(raw))
            raw[at] ^= 1 << rng.randrange(8)
        data = bytes(raw)
    elif kind == "cut":
        data = data[: rng.randrange(len(data))]
    elif kind == "empty":
        data = b""
    else:
        data = data + os.urandom(rng.randint(1, 4096))
    path.write_bytes(data)
    return f"zip {path.name}: {kind}"


def mutate_folder(folder: Path, rng: random.Random) -> str:
    kind = rng.choice(
        ["link-loop", "zero-byte", "png", "trailing-space", "no-extension", "subfolder", "csv", "lock-file"]
    )
    if kind == "link-loop":
        (folder / "loop.xlsx").symlink_to("loop.xlsx")
    elif kind == "zero-byte":
        (folder / "empty.xlsx").write_bytes(b"")
    elif kind == "png":
        (folder / "picture.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    elif kind == "trailing-space":
        path = rng.choice(_workbooks(folder))
        path.rename(folder / (path.name + " "))
    elif kind == "no-extension":
        path = rng.choice(_workbooks(folder))
        path.rename(folder / path.stem)
    elif kind == "subfolder":
        (folder / "more.xlsx").mkdir()
    elif kind == "csv":
        (folder / "data.csv").write_text("Indicator ID,Year,Value\nX,2020,1\n")
    else:
        (folder / "~$review.xlsx").write_bytes(b"lock")
    return f"folder: {kind}"


MUTATIONS = {"cell": mutate_cell, "sheet": mutate_sheet, "xml": mutate_xml, "zip": mutate_zip, "folder": mutate_folder}
WEIGHTS = {"cell": 4, "sheet": 2, "xml": 2, "zip": 1, "folder": 1}


# --- the contract ----------------------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    found = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            found[str(p.relative_to(folder))] = "link:" + os.readlink(p)
        elif p.is_file():
            found[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def vlr(*args: str, cwd: Path) -> tuple[int | None, str, str]:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "vlr", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "VLR_DEBUG": ""},
        )
    except subprocess.TimeoutExpired:
        return None, "", ""
    return proc.returncode, proc.stdout, proc.stderr


def check(case: Case, work: Path) -> None:
    review = work / "review"
    before = digest(review)

    def fail(kind: str, detail: str) -> None:
        case.failures.append((kind, detail[:500]))

    def common(name: str, code: int | None, out: str, err: str) -> None:
        if code is None:
            fail("hang", f"{name} ran past {TIMEOUT} s")
        elif code not in (0, 1, 2):
            fail("crash", f"{name} exited {code}: {err.strip()[-300:]}")
        if "Traceback" in err or "Internal error" in err or "panicked" in err:
            fail("crash", f"{name}: {err.strip()[-300:]}")
        errors = [line for line in err.strip().splitlines() if line.startswith("Error:")]
        if code == 2 and (len(errors) != 1 or not err.strip().endswith(errors[0] if errors else "\0")):
            fail("message", f"{name} exit 2 without a one-line error at the end: {err.strip()[-300:]}")
        long = [line for line in (out + err).splitlines() if len(line) > MAX_LINE]
        if long:
            fail("message", f"{name}: a line of {len(long[0])} characters")

    code, out, err = vlr("validate", str(review), cwd=work)
    common("validate", code, out, err)
    jcode, jout, jerr = vlr("validate", str(review), "--format", "json", cwd=work)
    common("validate --format json", jcode, jout, jerr)
    if jcode in (0, 1, 2):
        try:
            json.loads(jout)
        except ValueError:
            fail("message", f"validate --format json (exit {jcode}) printed no JSON")
    draft = work / "out" / "draft.docx"
    bcode, bout, berr = vlr("build", str(review), "-o", str(draft), "--date", "2026-11-28", cwd=work)
    common("build", bcode, bout, berr)
    if code in (0, 1, 2) and bcode in (0, 1, 2) and code != bcode:
        fail("disagreement", f"validate exited {code}, build {bcode}: {(berr or bout).strip()[-300:]}")
    if bcode == 0:
        ccode, cout, cerr = vlr("check-docx", str(draft), cwd=work)
        common("check-docx", ccode, cout, cerr)
        if ccode != 0:
            fail("self-check", f"check-docx on our draft exited {ccode}: {cout.strip()[-300:]}")
        damaged = work / "out" / "damaged.docx"  # check-docx itself on a damaged document
        data = bytearray(draft.read_bytes())
        rng = random.Random(case.number)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        damaged.write_bytes(bytes(data[: rng.randint(len(data) // 2, len(data))]))
        common("check-docx of a damaged draft", *vlr("check-docx", str(damaged), cwd=work))
    elif draft.exists() or draft.with_name("draft-data.xlsx").exists():
        fail("partial-output", f"build exited {bcode} and left {draft.name} behind")
    if digest(review) != before:
        fail("input-modified", "the review's files changed")


def run_case(number: int, seed: int, keep: Path | None) -> Case:
    rng = random.Random(f"{seed}-{number}")
    case = Case(number, seed)
    with tempfile.TemporaryDirectory(prefix="vlr-fuzz-") as tmp:
        work = Path(tmp)
        shutil.copytree(EXAMPLE, work / "review")
        case.level = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        case.description = MUTATIONS[case.level](work / "review", rng)
        snapshot = work / "input"
        shutil.copytree(work / "review", snapshot, symlinks=True)
        check(case, work)
        if case.failures and keep is not None:
            save_reproducer(case, snapshot, keep)
    return case


def save_reproducer(case: Case, snapshot: Path, out: Path) -> None:
    """One folder per distinct failure: kind and the first words of what went wrong."""
    kind, detail = case.failures[0]
    key = hashlib.sha1(f"{kind}:{detail[:80]}".encode()).hexdigest()[:10]
    target = out / f"{kind}-{key}"
    if target.exists():
        return
    shutil.copytree(snapshot, target / "review", symlinks=True)
    (target / "case.json").write_text(
        json.dumps(
            {
                "case": case.number,
                "seed": case.seed,
                "level": case.level,
                "mutation": case.description,
                "failures": case.failures,
                "reproduce": "vlr validate review; vlr build review -o out/draft.docx",
            },
            indent=2,
            ensure_ascii=False,
        )
    )


def campaign(count: int, seed: int, out: Path | None = None, jobs: int = 2, say=print) -> list[Case]:
    cases: list[Case] = []
    with ThreadPoolExecutor(jobs) as pool:
        for case in pool.map(lambda n: run_case(n, seed, out), range(count)):
            cases.append(case)
            if case.failures:
                say(f"case {case.number} ({case.description}): " + "; ".join(f"{k}: {d}" for k, d in case.failures))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cases = campaign(args.count, args.seed, args.out, args.jobs)
    failed = [c for c in cases if c.failures]
    kinds: dict[str, int] = {}
    for c in failed:
        for kind, _ in c.failures:
            kinds[kind] = kinds.get(kind, 0) + 1
    print(
        f"{len(cases)} cases, seed {args.seed}: {len(cases) - len(failed)} clean, {len(failed)} failed"
        + (f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); reproducers in {args.out}" if failed else "")
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
