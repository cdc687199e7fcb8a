"""The house: the package's layout follows the pipeline, and stays in small pieces.

Read from the source itself (imports inside functions count), so that a change that puts
a module in the wrong stage, closes an import cycle or grows a module or a function past
its size fails here, with the place named."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vlr"

#: The stages, lowest first: a module imports only from its own stage or those before it.
STAGES = [
    # the helpers every stage uses
    {
        "vlr",
        "vlr.exceptions",
        "vlr.values",
        "vlr.inputs",
        "vlr.output",
        "vlr.rules",
        "vlr.findings",
        "vlr.formatting",
        "vlr.xlsx",
    },
    "vlr.framework",
    "vlr.model",
    "vlr.workbook",
    "vlr.imports",
    "vlr.analysis",
    "vlr.charts",
    "vlr.texts",
    "vlr.reports",
    "vlr.draft",
    {"vlr.main"},
    {"vlr.commandline", "vlr.cli", "vlr.cli.framework", "vlr.__main__"},
]
MOST_TOP_LEVEL = 13  # the helpers every stage uses, the API and the command line
MOST_MODULE_LINES = 500
MOST_FUNCTION_LINES = 80
MOST_CLI_LINES = 350


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _stage(module: str) -> int:
    for rank, stage in enumerate(STAGES):
        if module in stage if isinstance(stage, set) else module == stage or module.startswith(stage + "."):
            return rank
    raise AssertionError(f"{module} belongs to no stage: add it to tests/test_house.py STAGES")


def _imports(module: str, path: Path) -> dict[str, int]:
    """The vlr modules ``module`` imports, each with the line of its first import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])]
                )
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for name in names:
            while name and name not in MODULES and "." in name:
                name = name.rpartition(".")[0]
            if name in MODULES and name != module:
                found.setdefault(name, node.lineno)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_module_belongs_to_a_stage():
    for module in MODULES:
        _stage(module)


def test_imports_run_downward():
    upward = [
        f"{MODULES[m].relative_to(PACKAGE.parent)}:{line} imports {target} (a later stage)"
        for m, targets in GRAPH.items()
        for target, line in targets.items()
        if _stage(target) > _stage(m)
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1: being visited, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target] if target in trail else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_few_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MOST_TOP_LEVEL, f"{len(top)} modules at the top of src/vlr/: {', '.join(top)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_small_pieces(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    most = MOST_CLI_LINES if module == "vlr.cli" else MOST_MODULE_LINES
    assert lines <= most, f"{path.name} has {lines} lines (at most {most})"
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            if node.end_lineno - start + 1 > MOST_FUNCTION_LINES:
                long.append(f"{node.name} (line {node.lineno}, {node.end_lineno - start + 1} lines)")
    assert not long, f"functions over {MOST_FUNCTION_LINES} lines in {path.name}: {', '.join(long)}"


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")))
def test_package_docstrings_name_their_modules(package):
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert doc, f"{package.name}/__init__.py has no docstring"
    if package == PACKAGE:
        return  # the top of the package names the entry points, not every helper
    held = [p.stem for p in package.glob("*.py") if p.stem != "__init__" and not p.stem.startswith("_")]
    held += [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
    # named as a module is: ``vlr.x.name``, ``name.py`` or ``name/``
    missing = [n for n in held if not re.search(rf"(\.{n}`|\b{n}\.py\b|\b{n}/)", doc)]
    assert not missing, f"the docstring of {package.name}/ does not say what {', '.join(missing)} holds"


def test_the_checker_sees_imports_inside_functions(tmp_path):
    # the graph above is only worth its tests if it finds the imports that hide in functions
    assert "vlr.draft.build" in GRAPH["vlr.main"]
    assert "vlr.draft.build" not in GRAPH["vlr.texts.context"]
    assert _stage("vlr.draft.living.merge") == _stage("vlr.draft") > _stage("vlr.analysis.result")


def test_the_charts_font_ships_with_vlr():
    from PIL import ImageFont

    from vlr.charts.line import FONT_DIR, font

    chosen = font(20)
    assert isinstance(chosen, ImageFont.FreeTypeFont)
    assert Path(chosen.path).parent == FONT_DIR and (FONT_DIR / "LICENSE").exists()
    assert Path(font(20, bold=True).path).name == "DejaVuSans-Bold.ttf"


def test_every_folder_of_the_package_ships_in_the_wheel():
    """Each folder of src/vlr/ with files is a package of pyproject.toml, or its files are
    data of the nearest package above it (the catalogues in vlr/data/locale/)."""
    import fnmatch
    import tomllib

    setuptools = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed, data = set(setuptools["packages"]), setuptools["package-data"]
    missing = set()
    for d in [PACKAGE, *PACKAGE.rglob("*")]:
        if not d.is_dir() or d.name == "__pycache__" or not any(f.is_file() for f in d.iterdir()):
            continue
        name = ".".join(d.relative_to(PACKAGE.parent).parts)
        if name in listed:
            continue
        owner = next((p for p in sorted(listed, key=len, reverse=True) if name.startswith(p + ".")), None)
        root = PACKAGE.parent.joinpath(*owner.split(".")) if owner else None
        patterns = data.get(owner, []) if owner else []
        files = [f.relative_to(root).as_posix() for f in d.iterdir() if f.is_file()] if root else []
        if not files or not all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in files):
            missing.add(name)
    assert not missing, f"folders of src/vlr/ that no package or package data of pyproject.toml ships: {missing}"


def test_the_command_line_names_the_methods_progress_has():
    # the command line keeps its own list (it must not load the analysis for --help)
    from vlr.analysis.progress import METHODS
    from vlr.draft import options

    assert options.METHODS == METHODS
