"""The review in the city's languages (issue 21): every word vlr writes goes through its
message catalogues, the catalogues are complete and current, and a draft in Finnish or
Swedish holds no English that vlr wrote itself."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from vlr.formatting import _, n_, speaking, spoken
from vlr.main import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "vlr" / "data" / "locale"
#: The languages vlr speaks besides English, each complete.
LANGUAGES = ["fi", "sv", "de", "es", "fr"]
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "p_": ((1, "c"), 2), "NP_": ((1, "c"), 2)}


def code_messages() -> set[str]:
    """The msgids marked in vlr's code, as ``make catalogues`` extracts them."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src" / "vlr"), keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalogue(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "vlr.po", "rb") as fh:
        return read_po(fh, locale=language)


def test_the_template_holds_every_message_the_code_marks():
    with open(LOCALE / "vlr.pot", "rb") as fh:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(fh) if m.id}
    marked = code_messages()
    assert marked - template == set(), "run make catalogues: the code marks messages vlr.pot lacks"
    assert template - marked == set(), "run make catalogues: vlr.pot holds messages the code no longer marks"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_is_complete_compiled_and_keeps_the_placeholders(language):
    po = catalogue(language)
    marked = code_messages()
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in po if m.id}
    assert marked - ids.keys() == set(), f"{language}: run make catalogues, then translate the new messages"
    untranslated = [i for i, m in ids.items() if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert untranslated == [], f"{language}: {len(untranslated)} messages untranslated, e.g. {untranslated[:3]}"
    fuzzy = [i for i, m in ids.items() if m.fuzzy]
    assert fuzzy == [], f"{language}: fuzzy translations to check: {fuzzy[:3]}"
    for msgid, message in ids.items():
        wanted = set(re.findall(r"\{\w*\}", msgid))
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            assert set(re.findall(r"\{\w*\}", text)) == wanted, (language, msgid, text)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    shipped = (LOCALE / language / "LC_MESSAGES" / "vlr.mo").read_bytes()
    assert shipped == compiled.getvalue(), f"{language}: vlr.mo is older than vlr.po; run make catalogues"


def test_speaking_a_language_changes_the_words_and_falls_back_to_english():
    assert spoken("fi") and spoken("fi-FI") and spoken("en") and not spoken("xx")
    with speaking("fi"):
        assert _("Targets") != "Targets" and _("Goal {number}: {name}").count("{number}") == 1
        assert n_("{n} action", "{n} actions", 1) != n_("{n} action", "{n} actions", 2)
    with speaking("xx"):  # no catalogue: English, whole
        assert _("Targets") == "Targets"
    assert _("Targets") == "Targets"  # English again after the block


def language_words(language: str) -> set[str]:
    """The words of vlr's own texts in ``language``: its catalogue's translations and templates."""
    words = set()
    for message in catalogue(language):
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            words |= {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", text or "")}
    for template in (ROOT / "templates").glob(f"*.{language}.j2"):
        words |= {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", template.read_text())}
    return words


def in_language(tmp_path: Path, language: str) -> Path:
    """A copy of the example whose Review sheet says ``language``."""
    folder = tmp_path / f"example-{language}"
    shutil.copytree(ROOT / "indicators", folder)
    book = openpyxl.load_workbook(folder / "review.xlsx")
    sheet = book["Review"]
    row = next((r for r in sheet.iter_rows() if r[0].value == "Language"), None)
    if row is None:
        sheet.append(["Language", language])
    else:
        row[1].value = language
    book.save(folder / "review.xlsx")
    return folder


def draft_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


@pytest.fixture(scope="module")
def english_words():
    """The words of vlr's own English messages and templates: what must not show in another language."""
    words = set()
    for message in code_messages():
        words |= {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w*\}", " ", message))}
    for template in (ROOT / "templates").glob("*.j2"):
        if template.stem.count(".") == 0:
            text = re.sub(r"\{[{%#].*?[}%#]\}", " ", template.read_text())
            words |= {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return words


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_in_the_citys_language_has_no_english_vlr_wrote(tmp_path, language, english_words):
    folder = in_language(tmp_path, language)
    out = tmp_path / f"draft-{language}.docx"
    build(folder, BuildOptions(output=out))
    # the city's own texts (names, narratives, official UN texts) are the city's: they are taken out of the
    # draft's text before it is read for vlr's own English words
    known = set()
    for book in folder.glob("*.xlsx"):
        for sheet in openpyxl.load_workbook(book, read_only=True).worksheets:
            for row in sheet.iter_rows(values_only=True):
                lines = (line.strip() for v in row if isinstance(v, str) for line in v.splitlines())
                known |= {line.removeprefix("- ").strip() for line in lines if line}  # a bullet's text
    from vlr.draft.official import short_text
    from vlr.framework.catalogue import load_framework

    fw = load_framework()
    known |= {p.name for p in folder.iterdir()} | {out.name, out.with_name(f"{out.stem}-data.xlsx").name}  # file names
    known |= {fw.title, fw.source}  # the framework's official English name, quoted as it is
    from vlr.framework.translations import official as translated

    for item in [*fw.targets, *fw.indicators]:  # the UN's texts, in English and in the language where known
        for official in {item.text, translated(item.code, item.text, language).text}:
            known |= {official, short_text(official).rstrip("\u2026")}
    # the validator's messages in the internal annex are English still (vlr validate speaks English only)
    from vlr.main import validate

    known |= {f.message + (f" ({f.hint})" if f.hint else "") for f in validate(folder).findings}
    ordered = sorted((k for k in known if len(k) >= 4), key=len, reverse=True)
    left = {}
    officials = [" ".join(o.split()) for o in (*(t.text for t in fw.targets), *(i.text for i in fw.indicators))]
    for text in draft_text(out):
        rest = text
        # an official text shortened to fit ("4.7 By 2030, ensure that all learners…"), quoted in English
        # under a header or caption that says so (checked below)
        for cut in re.findall(r"(?:\d+\.\w+ )?([^\u2026]{12,})\u2026", rest):
            if any(o.startswith(cut.strip()) for o in officials):
                rest = rest.replace(cut, " ")
        for k in ordered:
            if k in rest:
                rest = rest.replace(k, " ")
        for word in re.findall(r"[A-Za-z]{4,}", rest):
            if word.casefold() in english_words:
                left.setdefault(word.casefold(), text[:120])
    # a word spelled alike in both languages (data, status, budget; Swedish "under", "total") is the language's own
    own = language_words(language)
    left = {word: text for word, text in left.items() if word not in own}
    assert left == {}, f"{language}: English vlr wrote, left in the draft: {list(left.items())[:8]}"
    document = docx.Document(str(out))
    assert document.core_properties.language.startswith(language)
    from vlr.framework.translations import shipped_languages

    with speaking(language):
        marked = _("{header} (in English)").format(header=_("Official text"))
        if language in shipped_languages():  # the targets' official texts in the language (Open SDG's)
            assert not any(marked in t for t in draft_text(out))
            assert any(_("Official text") == t for t in draft_text(out))
        else:  # the official texts quoted in English are said to be
            assert any(marked in t for t in draft_text(out))


def test_a_draft_per_language_with_the_narratives_of_each(tmp_path):
    from click.testing import CliRunner

    from conftest import MINIMAL, review_folder
    from vlr.cli import main

    narratives = [
        ["Section", "Text", "Language"],
        ["introduction", "Testville is a city by the sea.", "en"],
        ["introduction", "Testville on kaupunki meren rannalla.", "fi"],
        ["conclusion", "Only in English.", ""],
    ]
    folder = review_folder(tmp_path, {**MINIMAL, "Narratives": narratives})
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--language", "fi,sv,en"])
    assert result.exit_code == 0, result.output
    texts = {}
    for language in ("fi", "sv", "en"):
        path = tmp_path / f"draft-{language}.docx"
        assert docx.Document(str(path)).core_properties.language.startswith(language)
        texts[language] = "\n".join(draft_text(path))
    assert "Testville on kaupunki meren rannalla." in texts["fi"] and "by the sea" not in texts["fi"]
    assert "Testville is a city by the sea." in texts["en"] and "meren rannalla" not in texts["en"]
    # Swedish has no introduction of its own: a note names the languages it has, never another's text
    assert "by the sea" not in texts["sv"] and "meren rannalla" not in texts["sv"]
    from vlr.texts.context import _missing

    with speaking("sv"):
        note = _missing("introduction", ["en", "fi"])
    assert note in texts["sv"]
    # the row without a language is in the review's own (English): in the English draft only
    assert "Only in English." in texts["en"] and "Only in English." not in texts["fi"]
    assert not out.exists()


def test_an_update_refreshes_a_draft_in_its_own_language(tmp_path):
    from conftest import MINIMAL, review_folder

    folder = review_folder(tmp_path, MINIMAL)
    out = tmp_path / "luonnos.docx"
    build(folder, BuildOptions(output=out, language="fi"))
    finnish = "\n".join(draft_text(out))
    build(folder, BuildOptions(update=out))  # the Review sheet says English: the draft's own language wins
    assert "\n".join(draft_text(out)) == finnish


def test_a_workbook_word_means_one_thing_in_every_language_read():
    """Sheet names, each sheet's headings, the Review fields and each list's values: no word of
    one group, in any language vlr reads, is another English word of the group in another."""
    from vlr.workbook import schema
    from vlr.workbook.words import READ, names

    assert set(LANGUAGES) <= set(READ)
    groups = {
        "sheets": [s.name for s in schema.SHEETS.values()] + list(schema.REFERENCE_SHEETS),
        "review fields": list(schema.REVIEW_FIELDS),
        "statuses": list(schema.STATUSES),
        "directions": [*schema.DIRECTIONS, *schema.UNKNOWN_DIRECTIONS],
        "link kinds": list(schema.LINK_KINDS),
        **{f"{s.name} headings": list(s.columns) for s in schema.SHEETS.values()},
    }
    for group, words in groups.items():
        meaning: dict[str, str] = {}
        for word in words:
            for name in names(word):
                folded = " ".join(name.split()).casefold()
                assert meaning.setdefault(folded, word) == word, (
                    f"{group}: '{name}' is both {meaning[folded]} and {word}"
                )


def test_a_goal_name_too_wide_for_its_tile_is_hyphenated_where_the_language_breaks_it():
    from PIL import Image, ImageDraw

    from vlr.charts.tiles import _font, _wrap

    pen = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = _font(16)
    with speaking("de"):
        lines = _wrap(["GESCHLECHTERGLEICHSTELLUNG"], font, 130, pen, hyphenate=True)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "GESCHLECHTERGLEICHSTELLUNG"
    assert all(pen.textlength(line, font=font) <= 130 for line in lines)
    with speaking("en"):  # a word that fits is never broken
        assert _wrap(["POVERTY"], font, 130, pen, hyphenate=True) == ["POVERTY"]


def test_a_status_inside_a_sentence_is_written_as_the_language_writes_it():
    from vlr.analysis.progress import in_sentence

    assert in_sentence("On track") == "on track"
    with speaking("fi"):
        assert in_sentence("On track") == _("On track").lower()
