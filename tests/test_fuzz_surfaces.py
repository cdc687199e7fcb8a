"""A short fuzz campaign over issue 20's surfaces with a fixed seed (tests/fuzz_surfaces.py):
hostile drafts, repositories, pictures, templates and output paths, two cases of each class.
`make fuzz-surfaces N=300 SEED=…` runs long ones and keeps reproducers."""

import pytest

from fuzz_surfaces import CLASSES, campaign

#: Cases in the test suite: two of each class, within about a minute once vlr keeps the
#: contract (a case that hangs costs the timeout below).
COUNT = 2 * len(CLASSES)
TIMEOUT = 30


@pytest.mark.fuzz
def test_hostile_surfaces_keep_the_contract(tmp_path):
    lines = []
    cases = campaign(COUNT, seed=20261128, out=tmp_path / "fuzz", jobs=3, say=lines.append, timeout=TIMEOUT)
    assert {c.cls for c in cases} == set(CLASSES)
    assert not [c.number for c in cases if c.failures], "\n".join(lines)
