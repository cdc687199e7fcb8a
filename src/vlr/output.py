"""Writing files: always whole or not at all.

Every file vlr writes goes through :func:`write_atomic`: the bytes go to a temporary
file beside the target, which then replaces it in one step, so an interrupted run never
leaves a half-written file and an existing one stays untouched until the new one is
complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vlr.exceptions import OutputError


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
