"""Work done in a forked process while the draft is laid out: the data workbook, the
statistical annex's plan (:func:`in_background`)."""

from __future__ import annotations

import os
from collections.abc import Callable

from vlr.output import cores


def in_background(function: Callable[..., bytes], *args) -> Callable[[], bytes]:
    """Start ``function(*args)`` in a forked process (which shares this one's memory, so
    nothing is copied to it) and return a function that waits for its bytes. Where
    processes cannot be forked, or the child fails, the function runs here instead."""
    if not hasattr(os, "fork") or cores() < 2:
        return lambda: function(*args)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send_bytes(function(*args))
        except BaseException:  # the parent computes it itself
            send.send_bytes(b"")
        finally:
            send.close()

    process = context.Process(target=child, daemon=True)
    try:
        process.start()
    except OSError:
        return lambda: function(*args)
    send.close()

    def result() -> bytes:
        try:
            data = receive.recv_bytes()
        except (EOFError, OSError):
            data = b""
        finally:
            receive.close()
            process.join()
        return data or function(*args)

    return result
