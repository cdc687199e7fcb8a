"""``python -m vlr`` and the ``vlr`` command: :func:`vlr.cli.main` as a process of its own."""

from vlr.cli import main
from vlr.commandline import as_process


def run() -> None:
    as_process(main)


if __name__ == "__main__":
    run()
