"""A short fuzz campaign with a fixed seed (tests/fuzzing.py): the contract on mutated
copies of the example. `make fuzz N=500 SEED=…` runs long ones and keeps reproducers."""

from fuzzing import campaign

#: Cases in the test suite: enough to cross every level of mutation, within a minute.
COUNT = 14


def test_mutated_reviews_keep_the_contract(tmp_path):
    lines = []
    cases = campaign(COUNT, seed=20261128, out=tmp_path / "fuzz", jobs=2, say=lines.append)
    assert {c.level for c in cases} >= {"cell", "sheet", "xml"}
    assert not [c for c in cases if c.failures], "\n".join(lines)
