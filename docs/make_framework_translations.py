"""Write the framework texts vlr ships in other languages
(``src/vlr/data/framework-translations/<language>.json``) from a copy of Open SDG's
``sdg-translations`` (https://github.com/open-sdg/sdg-translations, MIT licence): its
``translations/<language>/global_targets.yml`` and ``global_indicators.yml``, each text with
the digest of the English it translates (``translations/en/``), so that vlr uses it only
while the framework in use has that same English (:mod:`vlr.framework.translations`).

    python docs/make_framework_translations.py PATH-TO-sdg-translations [--commit HASH] [de fr es]

The copy is a checkout (its commit is read from git) or an unpacked archive (give
``--commit``); the LICENSE beside the files is Open SDG's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "vlr" / "data" / "framework-translations"
LANGUAGES = ("de", "fr", "es")
KEY = re.compile(r"^(\d{1,2}(?:-(?:\d{1,2}|[a-z])){1,2})-title$")


def texts(folder: Path, language: str) -> dict[str, str]:
    """Code → text of the targets and indicators of ``language``'s files."""
    found = {}
    for name in ("global_targets.yml", "global_indicators.yml"):
        data = yaml.safe_load((folder / "translations" / language / name).read_text(encoding="utf-8")) or {}
        for key, text in data.items():
            match = KEY.match(str(key))
            if match and isinstance(text, str) and text.strip():
                # composed (NFC): some files spell "ó" as o and a combining accent
                found[match.group(1).replace("-", ".")] = unicodedata.normalize("NFC", " ".join(text.split()))
    return found


def main(argv: list[str]) -> int:
    from vlr.framework.translations import digest

    folder = Path(argv.pop(0))
    commit = ""
    if "--commit" in argv:
        at = argv.index("--commit")
        commit = argv[at + 1][:7]
        del argv[at : at + 2]
    if not commit:
        commit = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    english = texts(folder, "en")
    for language in argv or LANGUAGES:
        own = texts(folder, language)
        kept = {
            code: [text, digest(english[code])]
            for code, text in sorted(own.items())
            if code in english and " ".join(text.split()) != english[code]  # a text left in English is none
        }
        data = {
            "source": "Open SDG sdg-translations" + (f" ({commit})" if commit else "") + ", MIT licence",
            "language": language,
            "texts": kept,
        }
        (OUT / f"{language}.json").write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{language}: {len(kept)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
