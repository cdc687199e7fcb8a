"""The metadata of an Open SDG data repository, as sdg-build merges it.

An indicator's fields come from, in this order, each later one winning field by field:

1. ``global-meta/`` (Bristol-style repositories: fields for every indicator);
2. ``indicator-config/*.yml`` and ``meta/`` (``*.md`` front matter, ``*.yml``), in the order
   the repository's ``config_data.yml`` lists them as ``inputs``. sdg-build merges its
   inputs one after the other and ``Indicator.set_meta`` deep-updates the metadata, so the
   later input wins; the data starter (and most repositories) lists ``indicator-config``
   before ``meta``, so ``meta`` wins, and that is the order when ``config_data.yml`` says
   nothing;
3. ``meta/<language>/`` (metadata translated into the import's language);
4. ``csv-meta/*.csv`` (field, value), translated by ``metadata-mapping.csv``.

An empty field (``computation_units: null``, ``''``) says nothing and never overrides one
that is set.

Translations (``translations/<language>/<group>.yml``, then ``translations/*.yml``) give
the texts of translation keys (``global_indicators.1-2-1-title``, ``UNIT_MEASURE.PT``) and
of the codes in data columns (``SEX.yml``: ``F: Female``); a code without a translation
stays as written.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from vlr.exceptions import UnreadableInput
from vlr.formatting import _
from vlr.inputs import load_yaml as bounded_yaml
from vlr.inputs import read_bytes
from vlr.values import clean_text

_KEY = re.compile(r"[\w-]+\.[\w.-]+")
#: Translation groups that hold units' codes: a code in a plain ``Units`` column (``PT``) is
#: looked up there too.
UNIT_GROUPS = ("units", "unit", "unit_measure")
_UNIT_HEADINGS = frozenset({"units", "unit", "unit of measurement", "unit_measure", "unit measure"})


def one_line(text: str) -> str:
    """A label on one line: a translation's line breaks and runs of spaces made one space."""
    return " ".join(text.split())


def read_text(path: Path, root: Path) -> str:
    """A text file of the repository at ``root`` as sdg-build reads it: UTF-8 with or
    without BOM (else Windows-1252), any line ending. Only a regular file inside the
    repository, within the size of its kind, is read (:func:`vlr.inputs.read_bytes`)."""
    kind = "csv" if path.suffix.casefold() == ".csv" else "yaml"
    raw = read_bytes(path, kind, root, what="CSV file" if kind == "csv" else "metadata file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def csv_rows(path: Path, root: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV file of the repository at ``root`` that are not blank, each with
    its line number; :class:`UnreadableInput` naming the line where it is not CSV."""
    reader = csv.reader(io.StringIO(read_text(path, root)))
    try:
        return [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise UnreadableInput(
            _("{file}, line {line}: not CSV ({error}).").format(
                file=path.relative_to(root), line=reader.line_num, error=exc
            )
        ) from None


def load_yaml(text: str, where: str = "metadata") -> dict:
    """A mapping from YAML ``text`` (:func:`vlr.inputs.load_yaml`: aliases bounded), or an
    empty one where it is none or not YAML, as sdg-build leaves such a file unused."""
    import yaml

    try:
        data = bounded_yaml(text, where)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def front_matter(text: str, where: str = "metadata") -> dict:
    if not text.lstrip().startswith("---"):
        return load_yaml(text, where)
    parts = text.lstrip().split("\n---", 1)
    return load_yaml(parts[0][3:], where) if parts else {}


def _config(root: Path) -> dict:
    """``config_data.yml``, where the repository has one."""
    path = root / "config_data.yml"
    return load_yaml(read_text(path, root), str(path)) if os.path.lexists(path) else {}


def _meta_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*")) if p.suffix.lower() in (".md", ".yml", ".yaml")]


def _input_order(root: Path) -> tuple[str, str]:
    """``indicator-config`` and ``meta`` in the order ``config_data.yml`` lists them
    (the later wins); the data starter's order when it does not say."""
    config = _config(root)
    patterns = [str(i.get("path_pattern", "")) for i in config.get("inputs") or [] if isinstance(i, dict)]
    where = {
        name: next((n for n, p in enumerate(patterns) if p.startswith(f"{name}/")), None)
        for name in ("indicator-config", "meta")
    }
    if (
        where["indicator-config"] is not None
        and where["meta"] is not None
        and where["meta"] < where["indicator-config"]
    ):
        return "meta", "indicator-config"
    return "indicator-config", "meta"


def _maps(root: Path, entries: list) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The ``column_map`` and ``code_map`` files of ``config_data.yml``'s ``entries``, as
    sdg-build applies them: a heading → the column's code (``Age Group`` → ``AGE``), and
    (column, text) → the code (``SEX``, ``Women`` → ``F``)."""
    columns: dict[str, str] = {}
    codes: dict[tuple[str, str], str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        for key in ("column_map", "code_map"):
            name = entry.get(key)
            path = root / str(name) if isinstance(name, str) else None
            if path is None or not path.is_file():
                continue
            rows = csv_rows(path, root)
            head = [clean_text(h).casefold() for h in rows[0][1]] if rows else []
            for _line, row in rows[1:]:
                cells = dict(zip(head, (clean_text(c) for c in row)))
                if key == "column_map" and cells.get("text") and cells.get("value"):
                    columns.setdefault(cells["text"], cells["value"])
                elif key == "code_map" and cells.get("text") and cells.get("value") and cells.get("dimension"):
                    codes.setdefault((cells["dimension"].casefold(), cells["text"]), cells["value"])
    return columns, codes


class Metadata:
    """Every metadata source of a repository, by dashed code (``11-1-1``)."""

    def __init__(self, root: Path, language: str = "en"):
        self.by_code: dict[str, dict] = {}
        config = _config(root)
        #: sdg-build's column and code maps of the CSV input (:func:`_maps`).
        inputs = [
            e for e in config.get("inputs") or [] if isinstance(e, dict) and "csv" in str(e.get("class", "")).lower()
        ]
        self.column_map, self.code_map = _maps(root, inputs)
        # the maps of the SDMX output name, the other way round, codes the data hold as codes
        # (the UK's Activity ISIC4_C is Manufacturing)
        outputs = [config[k] for k in ("sdmx_output_global", "sdmx_output") if isinstance(config.get(k), dict)]
        self.output_columns, output_codes = _maps(root, outputs)
        self.code_names: dict[tuple[str, str], str] = {}
        for (dimension, text), code in output_codes.items():
            self.code_names.setdefault((dimension, code), text)
        self._labels: dict[tuple[str, str], str] = {}
        first, second = _input_order(root)
        for folder in ("global-meta", first, second, f"meta/{language}"):
            for path in _meta_files(root / folder):
                self._add(path.stem, front_matter(read_text(path, root), str(path)))
        self._csv_meta(root)
        self.groups: dict[str, dict[str, str]] = {}
        for folder in (root / "translations" / language, root / "translations"):
            for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
                group = self.groups.setdefault(path.stem.casefold(), {})
                for key, value in load_yaml(read_text(path, root), str(path)).items():
                    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                        group.setdefault(str(key), one_line(clean_text(value)))

    def _csv_meta(self, root: Path) -> None:
        mapping = {}
        if (root / "metadata-mapping.csv").is_file():
            for _line, row in csv_rows(root / "metadata-mapping.csv", root):
                if len(row) >= 2:
                    mapping[clean_text(row[0])] = clean_text(row[1])
        if (root / "csv-meta").is_dir():
            for path in sorted((root / "csv-meta").glob("*.csv")):
                fields = {}
                for _line, row in csv_rows(path, root):
                    if len(row) >= 2 and clean_text(row[1]):
                        key = clean_text(row[0])
                        fields[mapping.get(key, key)] = clean_text(row[1])
                self._add(path.stem, fields)

    def _add(self, code: str, fields: dict) -> None:
        if fields:
            self.by_code.setdefault(code.casefold(), {}).update(
                {str(k): v for k, v in fields.items() if v not in (None, "", [], {})}
            )

    def get(self, code: str) -> dict:
        return self.by_code.get(code.casefold(), {})

    def key(self, key: str) -> str | None:
        """The text of a translation key ``group.key`` (or a bare key of any group)."""
        group, _, rest = key.partition(".")
        if rest and rest in self.groups.get(group.casefold(), {}):
            return self.groups[group.casefold()][rest]
        return next((g[key] for g in self.groups.values() if key in g), None)

    def translate(self, value) -> str | None:
        """A metadata text, with a translation key (``global_indicators.1-1-1-title``,
        ``UNIT_MEASURE.PT``) resolved. A key of a translation group the repository has
        but without this key gives the code after the dot; any other key without a
        translation gives None."""
        if value is None or isinstance(value, (list, dict)):
            return None
        text = one_line(clean_text(value))
        group, _, rest = text.partition(".")
        if rest and group.casefold() in self.groups and " " not in group:
            return self.key(text) or rest
        if _KEY.fullmatch(text) and " " not in text:
            return self.key(text) or self.key(rest)
        return text or None

    def code(self, column: str, code: str) -> str:
        """The label of a data column's code (``SEX`` ``F`` → ``Female``; a unit's code in
        the units' groups too; a translation key such as ``data.Sub-indicator_C``), after
        the repository's ``code_map`` (``Women`` → ``F``); else the code. Remembered: a
        national repository asks for the same few codes hundreds of thousands of times."""
        if not code:
            return code
        found = self._labels.get((column, code))
        if found is None:
            found = self._labels[(column, code)] = self._label(column, code)
        return found

    def _label(self, column: str, code: str) -> str:
        code = self.code_map.get((column.casefold(), code), code)
        groups = (column.casefold(), "data", *(UNIT_GROUPS if column.casefold() in _UNIT_HEADINGS else ()))
        for group in groups:
            found = self.groups.get(group, {}).get(code)
            if found:
                return found
        if _KEY.fullmatch(code) and " " not in code and code.partition(".")[0].casefold() in self.groups:
            return self.key(code) or code
        dimension = self.output_columns.get(column, column).casefold()
        return self.code_names.get((dimension, code), code)

    def heading(self, column: str) -> str:
        """A column's heading in words (``SEX.yml``'s ``SEX: Sex``), or as written."""
        return self.groups.get(column.casefold(), {}).get(column) or column


def progress_option(fields: dict, series: set[str], units: set[str]) -> dict | None:
    """The ``progress_calculation_options`` entry that applies to the headline (one of its
    ``series`` and ``units``, or none given): its direction and target. None when the
    entries name other series or units only, or disagree."""
    options = fields.get("progress_calculation_options")
    if isinstance(options, dict):
        options = [options]
    if not isinstance(options, list):
        return None
    fitting = []
    for entry in options:
        if not isinstance(entry, dict):
            continue
        given_series = clean_text(entry.get("series")) if entry.get("series") else None
        given_unit = clean_text(entry.get("unit")) if entry.get("unit") else None
        if (given_series is not None and given_series not in series) or (
            given_unit is not None and given_unit not in units
        ):
            continue
        fitting.append(entry)
    directions = {str(e.get("direction", "")).strip().casefold() for e in fitting}
    if len(directions) != 1:
        return None
    return fitting[0]


def start_values(fields: dict) -> dict[str, str]:
    """``data_start_values`` (Open SDG's choice of what the chart first shows): column → value."""
    given = fields.get("data_start_values")
    if not isinstance(given, list):
        return {}
    return {
        clean_text(e["field"]): clean_text(e["value"])
        for e in given
        if isinstance(e, dict) and e.get("field") and e.get("value") not in (None, "")
    }
