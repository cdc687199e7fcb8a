"""SDMX files read with `sdmx1 <https://sdmx1.readthedocs.io>`_, the field's maintained
library, into plain observations (key, attributes, value), with the data structure that
names their codes (:mod:`vlr.imports.sdmx_structure`).

sdmx1 reads SDMX-ML 2.1 and 3.0, SDMX-CSV 2.0 and SDMX-JSON; what it does not (yet) do is
done here and said: SDMX-CSV 1.0 and a missing ``ACTION`` column are rewritten into the 2.0
form it reads, the attributes of an SDMX-JSON series (which sdmx1 2.28 drops) are read from
the file, and the names an SDMX-JSON message gives its own codes stand in for a DSD. Data are
read without their structure, so that sdmx1 keeps every series as written (given the DSD, it
merges series that share a key, and one series' unit wins); the structure only names.
SDMX-ML 2.0 is refused: sdmx1 does not read it.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from vlr.exceptions import UnreadableInput
from vlr.formatting import _
from vlr.imports.imported import Said, said
from vlr.imports.sdmx_structure import AREA, SERIES, TIME, Structure, from_dsd, indicators_in_name
from vlr.inputs import read_bytes, within

SUFFIXES = (".xml", ".csv", ".json")
#: The option that gives the data structure, as the messages name it.
STRUCTURE_OPTION = "--structure FILE"


@dataclass
class Observation:
    """One observation as read: its file, key (component → code) and attributes, value."""

    file: str
    key: dict[str, str]
    attributes: dict[str, str]
    value: object

    def where(self) -> str:
        shown = " ".join(f"{k}={self.key[k]}" for k in (SERIES, AREA, TIME) if self.key.get(k))
        return f"({shown})" if shown else ""


# --- reading the files -------------------------------------------------------------------


def _files(paths: list[Path], skipped: list[tuple[str, Said]] | None = None) -> list[Path]:
    """The files given and those in the folders given; a file in a folder that is not SDMX
    (a code map beside the data) is skipped, into ``skipped`` with why."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.casefold() in SUFFIXES):
                if not within(p, path):
                    if skipped is not None:
                        skipped.append(
                            (
                                str(p),
                                said._(
                                    "not read: a link to {target}, outside {folder}", target=p.resolve(), folder=path
                                ),
                            )
                        )
                    continue
                if _looks_sdmx(p):
                    found.append(p)
                elif skipped is not None:
                    skipped.append((str(p), said._("not an SDMX file (in a folder of them)")))
        elif path.is_file():
            found.append(path)
        else:
            raise UnreadableInput(_("{path}: no such file or folder.").format(path=path))
    if not found:
        raise UnreadableInput(
            _("{path}: no SDMX file (.xml, .csv, .json) there.").format(path=", ".join(map(str, paths)))
        )
    return found


def _looks_sdmx(path: Path) -> bool:
    """Whether a file's first bytes are those of an SDMX message (XML in SDMX's namespaces,
    SDMX-CSV's first column, SDMX-JSON's parts)."""
    with path.open("rb") as fh:
        head = fh.read(4096).decode("utf-8", "replace").lstrip("\ufeff \r\n\t")
    if path.suffix.casefold() == ".csv":
        return head.startswith(("DATAFLOW", "STRUCTURE"))
    if path.suffix.casefold() == ".json":
        with path.open("rb") as fh:
            return head.startswith("{") and b'"dataSets"' in fh.read(200_000)
    return "sdmx" in head.casefold()


def _read(path: Path, structure=None):
    """The sdmx1 message of one file; :class:`UnreadableInput` saying why when it is none."""
    import sdmx

    data = read_bytes(path, "sdmx", what="SDMX file")
    head = data[:4096].decode("utf-8", "replace")
    if "sdmxml/schemas/v2_0" in head or "SDMX/2.0" in head or "schemas/v2_0" in head:
        raise UnreadableInput(
            _(
                "{path}: SDMX-ML 2.0, which vlr cannot read (it reads SDMX-ML 2.1 and 3.0, SDMX-CSV and "
                "SDMX-JSON); ask its publisher for SDMX-ML 2.1, or convert it with the SDMX Converter."
            ).format(path=path)
        )
    fmt = None
    if path.suffix.casefold() == ".csv" or head.lstrip("\ufeff").startswith(("DATAFLOW", "STRUCTURE")):
        try:
            fmt, data = "CSV", _csv_2(data)
        except UnicodeDecodeError:
            raise UnreadableInput(
                _("{path}: not UTF-8 text; save the SDMX-CSV file as UTF-8.").format(path=path)
            ) from None
        except csv.Error as exc:
            raise UnreadableInput(
                _("{path}: not an SDMX-CSV file vlr can read ({error}).").format(path=path, error=exc)
            ) from None
        if structure is None:
            raise UnreadableInput(
                _(
                    "{path}: SDMX-CSV needs its data structure: give the DSD with {option} (a structure message, "
                    "SDMX-ML)."
                ).format(path=path, option=STRUCTURE_OPTION)
            )
    logger = logging.getLogger("sdmx")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # sdmx1 logs at length what the message below says
    try:
        kwargs = {"structure": structure} if fmt == "CSV" else {}
        with contextlib.redirect_stdout(io.StringIO()):  # sdmx1 prints its reader's state on an error
            return sdmx.read_sdmx(io.BytesIO(data), format=fmt or _format(path, head), **kwargs)
    except UnreadableInput:
        raise
    except Exception as exc:  # sdmx1 and lxml raise many kinds; each means "not SDMX vlr reads"
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise UnreadableInput(
            _("{path}: not an SDMX file vlr can read ({error}).").format(path=path, error=reason)
        ) from None
    finally:
        logger.setLevel(level)


def _format(path: Path, head: str) -> str:
    if path.suffix.casefold() == ".json" or head.lstrip("\ufeff \r\n\t").startswith("{"):
        return "JSON"
    return "XML"


def _csv_2(data: bytes) -> bytes:
    """SDMX-CSV in the form sdmx1 (2.28) reads: 1.0's first column ``DATAFLOW``
    (``AGENCY:ID(1.0)``) becomes 2.0's ``STRUCTURE,STRUCTURE_ID``, and the optional ``ACTION``
    column (``I``, information) is written where it is missing, which sdmx1 needs."""
    rows = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if any(c.strip() for c in r)]
    if not rows:
        return data
    if rows[0][:1] == ["DATAFLOW"]:
        rows = [["STRUCTURE", "STRUCTURE_ID", *rows[0][1:]]] + [["dataflow", *r] for r in rows[1:] if any(r)]
    head = rows[0]
    if head[:1] and head[0].startswith("STRUCTURE") and "ACTION" not in head[2:4]:
        at = 3 if len(head) > 2 and head[2] == "STRUCTURE_NAME" else 2
        rows = [r[:at] + ["ACTION" if i == 0 else "I"] + r[at:] for i, r in enumerate(rows) if any(r)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def read_observations(
    paths: list[Path], structure_files: list[Path], language: str
) -> tuple[list[Observation], Structure, int, list[tuple[str, Said | int]]]:
    """Every observation of the data files, the structure that names their codes (every
    structure given: the first names a code where several do), how many data files there
    were, and the files skipped with why (or, a number: how many observations of the file
    the SDMX reader did not return)."""
    skipped: list[tuple[str, Said | int]] = []
    files = _files(paths, skipped)
    structures = []
    for path in _files(structure_files) if structure_files else []:
        message = _read(path)
        if not _is_structure(message):
            raise UnreadableInput(
                _("{path}: not an SDMX structure message (give the file of the DSD).").format(path=path)
            )
        structures.append(message)
    data: list[tuple[Path, object]] = []
    for path in files:
        message = None if path.suffix.casefold() == ".csv" else _read(path)  # CSV: once the DSD is known
        (structures if message is not None and _is_structure(message) else data).append(
            message if message is not None and _is_structure(message) else (path, message)
        )
    if not data:
        raise UnreadableInput(
            _("{path}: structure messages only, no SDMX data.").format(path=", ".join(map(str, paths)))
        )
    dsds = [d for m in structures for d in m.structure.values()]
    dsd = dsds[0] if dsds else None
    if dsd is not None:
        structure = from_dsd(dsd, language)
        for other in dsds[1:]:
            structure.merge(from_dsd(other, language))
    elif all(p.suffix.casefold() == ".json" for p, _ in data):
        structure = json_structure([p for p, _ in data], language)
    else:
        raise UnreadableInput(
            _(
                "{path}: SDMX data without its data structure: vlr needs the DSD to name the codes and to find "
                "each series' SDG indicator; give it with {option}."
            ).format(path=data[0][0], option=STRUCTURE_OPTION)
        )
    observations: list[Observation] = []
    for path, message in data:
        message = message if message is not None else _read(path, dsd)
        if not hasattr(message, "data"):
            raise UnreadableInput(
                _("{path}: an SDMX message without data (a {kind}).").format(path=path, kind=type(message).__name__)
            )
        found = _observations(path.name, message)
        written = _count_obs(path) if path.suffix.casefold() == ".xml" else len(found)
        if written > len(found):  # never lost quietly: counted as left out
            skipped.append((str(path), written - len(found)))
        if path.suffix.casefold() == ".json":
            _json_series_attributes(path, found)
        observations += found
    return observations, structure, len(data), skipped


def _count_obs(path: Path) -> int:
    """The ``Obs`` elements an SDMX-ML file holds, counted apart from sdmx1."""
    from lxml import etree

    return sum(1 for _ in etree.iterparse(str(path), events=("end",), tag=("{*}Obs",)))


def _is_structure(message) -> bool:
    return type(message).__name__ == "StructureMessage"


def _code(value) -> str:
    """The code of a key or attribute value (sdmx1 gives codes, or text where no list has it)."""
    value = getattr(value, "value", value)
    return str(value if isinstance(value, str) else getattr(value, "id", value)).strip()


def _observations(name: str, message) -> list[Observation]:
    """Each observation with its attributes: the data set's, under its series', under its own
    (an observation's UNIT_MULT 0 under a series' 3 is in units)."""
    found = []
    for ds in message.data:
        whole = {k: _code(a) for k, a in (getattr(ds, "attrib", None) or {}).items()}
        for o in ds.obs:
            key = {k: _code(v) for k, v in o.key.values.items()}
            series = getattr(o.series_key, "attrib", None) or {} if o.series_key is not None else {}
            own = getattr(o, "attached_attribute", None) or {}
            attributes = {**whole, **{k: _code(a) for k, a in series.items()}, **{k: _code(a) for k, a in own.items()}}
            found.append(Observation(name, key, attributes, o.value))
    return found


# --- SDMX-JSON: what sdmx1 does not keep -----------------------------------------------------


@functools.lru_cache(maxsize=64)  # read once: for its names and for its series' attributes
def _json(path: Path) -> dict:
    import json

    try:
        return json.loads(read_bytes(path, "sdmx", what="SDMX file"))
    except ValueError as exc:
        raise UnreadableInput(_("{path}: not JSON ({error}).").format(path=path, error=exc)) from None


def json_structure(paths: list[Path], language: str) -> Structure:
    """The names an SDMX-JSON message gives its own codes, for data that came without a DSD."""
    out = Structure()
    for path in paths:
        structure = _json(path).get("structure") or {}
        for level in (structure.get("dimensions") or {}).values():
            for dim in level or []:
                if dim.get("id") != TIME:
                    out.dimensions.append(dim["id"]) if dim["id"] not in out.dimensions else None
                _json_names(out, dim, language)
        for level in (structure.get("attributes") or {}).values():
            for attribute in level or []:
                out.attributes.add(attribute["id"])
                _json_names(out, attribute, language)
    for code in out.codes.get(SERIES, {}):
        out.indicators[code] = indicators_in_name(out.codes[SERIES][code])
        out.order[code] = len(out.order)
    return out


def __init__(self, name: str):
    self.name, self.annotations = name, []


def _name(value, language: str) -> str:
    if isinstance(value, dict):
        value = value.get(language) or value.get("en") or next(iter(value.values()), "")
    return " ".join(str(value or "").split())


def _json_names(out: Structure, component: dict, language: str) -> None:
    cid = component.get("id")
    out.names.setdefault(cid, _name(component.get("names") or component.get("name"), language) or cid)
    codes = out.codes.setdefault(cid, {})
    for v in component.get("values") or []:
        if v.get("id") is not None:
            codes.setdefault(v["id"], _name(v.get("names") or v.get("name"), language) or v["id"])


def _json_series_attributes(path: Path, found: list[Observation]) -> None:
    """sdmx1 (2.28) drops the attributes an SDMX-JSON series or data set carries
    (``UNIT_MEASURE``, ``UNIT_MULT``…): they are read here from the file and given to the
    observations, under their own."""
    message = _json(path)
    structure = message.get("structure") or {}
    dims = list((structure.get("dimensions") or {}).get("series") or [])
    attrs = list((structure.get("attributes") or {}).get("series") or [])
    by_key: dict[tuple, dict[str, str]] = {}
    for ds in message.get("dataSets") or []:
        for key, series in (ds.get("series") or {}).items():
            try:
                codes = tuple(d["values"][int(i)]["id"] for d, i in zip(dims, key.split(":")))
            except (IndexError, KeyError, TypeError, ValueError):
                raise UnreadableInput(
                    _("{path}: series key {key} names codes its structure lacks.").format(path=path, key=repr(key))
                ) from None
            given = {}
            for a, index in zip(attrs, series.get("attributes") or []):
                if index is None:
                    continue
                try:
                    given[a["id"]] = str(a["values"][int(index)]["id"])
                except (IndexError, KeyError, TypeError, ValueError):
                    raise UnreadableInput(
                        _(
                            "{path}: series {key} gives attribute {attribute} the value number {index}, which its "
                            "structure does not list: not SDMX-JSON vlr can read."
                        ).format(path=path, key=key, attribute=a.get("id"), index=repr(index))
                    ) from None
            by_key[codes] = given
    ids = [d["id"] for d in dims]
    for o in found:
        for k, v in by_key.get(tuple(o.key.get(i) for i in ids), {}).items() if attrs else ():
            o.attributes.setdefault(k, v)
    whole = list((structure.get("attributes") or {}).get("dataSet") or [])  # the lowest: under the series'
    for ds in message.get("dataSets") or [] if whole else []:
        for a, index in zip(whole, ds.get("attributes") or []):
            if isinstance(index, int) and 0 <= index < len(a.get("values") or []):
                for o in found:
                    o.attributes.setdefault(a["id"], str(a["values"][index]["id"]))
