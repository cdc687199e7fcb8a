"""What changed between two versions of a review: ``vlr diff OLD NEW``.

Two reviews (last cycle's and this one's, or two versions of this one), each read and
checked as ``vlr validate`` reads it, compared record by record:

- **actions** added, removed, and changed in title, theme, SDG targets or status;
- **indicators** added, removed, and changed in SDG targets, direction, target value or
  target year (their data is compared on its own);
- **data points** added, removed and revised, per indicator, series, unit and period
  (``2019/20`` and ``2019-20`` are one period), with the size of each revision;
  revisions within ``tolerance`` are left out;
- **statuses**: indicators whose headline status changed, both by the same method and
  thresholds;
- **coverage**: targets and goals that gained or lost actions, or evidence (an
  indicator with data).

Each change is a :class:`Change` with a kind, a subject, the old and new values and the
place in the new workbooks (the old ones for what was removed). Pure functions over
two loaded reviews; :func:`vlr.main.diff` reads them, :mod:`vlr.reports.changes` words them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, Field

from vlr.analysis.coverage import Coverage, coverage
from vlr.analysis.progress import Progress, Thresholds, progress
from vlr.framework.catalogue import Framework
from vlr.model.review import DataPoint, Located, Review
from vlr.model.series import period_of

#: Kinds of change, in the order reports list them, with their heading.
KINDS = {
    "action-added": "Actions added",
    "action-removed": "Actions removed",
    "action-changed": "Actions changed",
    "indicator-added": "Indicators added",
    "indicator-removed": "Indicators removed",
    "indicator-changed": "Indicators changed",
    "data-added": "Data points added",
    "data-removed": "Data points removed",
    "data-revised": "Data points revised",
    "status-changed": "Statuses changed",
    "target-coverage-gained": "Targets that gained actions",
    "target-coverage-lost": "Targets that lost their actions",
    "target-evidence-gained": "Targets that gained evidence",
    "target-evidence-lost": "Targets that lost their evidence",
    "goal-coverage-gained": "Goals that gained actions",
    "goal-coverage-lost": "Goals that lost all their actions",
    "goal-evidence-gained": "Goals that gained evidence",
    "goal-evidence-lost": "Goals that lost all their evidence",
}
ACTION_FIELDS = {"title": "title", "theme": "theme", "targets": "SDG targets", "status": "status"}
INDICATOR_FIELDS = {
    "targets": "SDG targets",
    "direction": "direction",
    "target_value": "target value",
    "target_year": "target year",
}


class Change(BaseModel):
    kind: str
    #: The action or indicator ID, ``indicator / series / period`` for data, a target or goal.
    subject: str
    field: str | None = None
    old: str | float | int | None = None
    new: str | float | int | None = None
    #: For data revisions: new − old, and the same as a share of the old value.
    change: float | None = None
    relative: float | None = None
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""


class Diff(BaseModel):
    old: str
    new: str
    method: str
    changes: list[Change] = Field(default_factory=list)
    #: Validation errors of each review: what they hide is not compared.
    errors_old: int = 0
    errors_new: int = 0

    @property
    def empty(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for c in self.changes:
            found[c.kind] = found.get(c.kind, 0) + 1
        return {k: found[k] for k in KINDS if k in found}


@dataclass(frozen=True)
class Tolerance:
    """Revisions to leave out: at most ``absolute`` in size, or ``relative`` of the old value."""

    absolute: float = 0.0
    relative: float = 0.0

    @classmethod
    def parse(cls, text: str | None) -> Tolerance:
        """``0.05`` (an absolute difference) or ``1%`` (a share of the old value); a
        :class:`ValueError` saying what to give for anything else, a tolerance below zero,
        past 100 % or not finite (``1e400%`` would hide every change) among them."""
        if not text:
            return cls()
        text = text.strip()
        share = text.endswith("%")
        try:
            number = float(text[:-1] if share else text)
        except ValueError:
            raise ValueError("give a number (0.05) or a percentage (1%)") from None
        if not math.isfinite(number) or number < 0 or (share and number > 100):
            raise ValueError(
                f"{text} would hide real changes; give a number from 0 (0.05) or a percentage from 0 to 100 (1%)"
            )
        return cls(relative=number / 100) if share else cls(absolute=number)

    def ignores(self, old: float, new: float) -> bool:
        gap = abs(new - old)
        return gap <= self.absolute + 1e-12 or (self.relative > 0 and old != 0 and gap / abs(old) <= self.relative)


def _place(record: Located, field: str | None = None) -> dict[str, str]:
    return record.place(field)


def _text(value) -> str | float | int | None:
    if isinstance(value, list):
        return ", ".join(value)
    return value


def _records(old: dict, new: dict, kind: str, fields: dict[str, str], label) -> list[Change]:
    changes = []
    for rid, rec in new.items():
        if rid not in old:
            changes.append(
                Change(
                    kind=f"{kind}-added",
                    subject=rid,
                    new=label(rec),
                    message=f"{kind} {rid} added: {label(rec)}",
                    **_place(rec, "id"),
                )
            )
            continue
        before = old[rid]
        for field, name in fields.items():
            a, b = getattr(before, field), getattr(rec, field)
            if isinstance(a, list):
                a, b = sorted(a), sorted(b)
            if a != b:
                changes.append(
                    Change(
                        kind=f"{kind}-changed",
                        subject=rid,
                        field=name,
                        old=_text(a),
                        new=_text(b),
                        message=f"{kind} {rid}: {name} {_text(a) or '(none)'} \u2192 {_text(b) or '(none)'}",
                        **_place(rec, field),
                    )
                )
    for rid, rec in old.items():
        if rid not in new:
            changes.append(
                Change(
                    kind=f"{kind}-removed",
                    subject=rid,
                    old=label(rec),
                    message=f"{kind} {rid} removed: {label(rec)}",
                    **_place(rec, "id"),
                )
            )
    return changes


def _data_key(p: DataPoint) -> tuple:
    period = period_of(p)  # 2019/20 and 2019-20 are one period
    return (
        p.indicator,
        (p.series or "").casefold(),
        (p.unit or "").casefold(),
        (period.start, period.end),
        (p.area or "").casefold(),
    )


def _data(old: Review, new: Review, tolerance: Tolerance) -> list[Change]:
    before = {_data_key(p): p for p in old.data}
    after = {_data_key(p): p for p in new.data}
    changes = []

    def subject(p: DataPoint) -> str:
        return " / ".join(x for x in (p.indicator, p.area, p.series, p.unit, p.label) if x)

    for key, p in after.items():
        q = before.get(key)
        if q is None:
            changes.append(
                Change(
                    kind="data-added",
                    subject=subject(p),
                    new=p.value,
                    message=f"{subject(p)}: new value {p.value:g}",
                    **_place(p, "value"),
                )
            )
        elif q.value != p.value and not tolerance.ignores(q.value, p.value):
            delta = p.value - q.value
            relative = delta / abs(q.value) if q.value else None
            share = f" ({relative:+.1%})" if relative is not None else ""
            changes.append(
                Change(
                    kind="data-revised",
                    subject=subject(p),
                    old=q.value,
                    new=p.value,
                    change=delta,
                    relative=relative,
                    message=f"{subject(p)}: {q.value:g} \u2192 {p.value:g} ({delta:+g}){share}",
                    **_place(p, "value"),
                )
            )
    for key, q in before.items():
        if key not in after:
            changes.append(
                Change(
                    kind="data-removed",
                    subject=subject(q),
                    old=q.value,
                    message=f"{subject(q)}: value {q.value:g} removed",
                    **_place(q, "value"),
                )
            )
    return changes


def _statuses(old: list[Progress], new: list[Progress], review: Review) -> list[Change]:
    before = {r.indicator: r for r in old if r.headline}
    changes = []
    for r in new:
        q = before.get(r.indicator)
        if not r.headline or q is None or q.status == r.status:
            continue
        ind = review.indicators_by_id.get(r.indicator)
        changes.append(
            Change(
                kind="status-changed",
                subject=r.indicator,
                field="status",
                old=q.label,
                new=r.label,
                message=f"indicator {r.indicator} ({r.name}): {q.label} \u2192 {r.label} ({r.method} method)",
                **(_place(ind, "id") if ind else {}),
            )
        )
    return changes


def _coverage(old: Coverage, new: Coverage) -> list[Change]:
    changes = []
    for g_old, g_new in zip(old.goals, new.goals):
        for t_old, t_new in zip(g_old.targets, g_new.targets):
            for has, kind, what in (("has_actions", "coverage", "actions"), ("has_evidence", "evidence", "evidence")):
                a, b = getattr(t_old, has), getattr(t_new, has)
                if a != b:
                    source = t_new.source or t_old.source
                    place = {"file": source.file, "sheet": source.sheet, "cell": source.cell} if source else {}
                    changes.append(
                        Change(
                            kind=f"target-{kind}-{'gained' if b else 'lost'}",
                            subject=t_new.code,
                            message=f"target {t_new.code} {'now has' if b else 'no longer has'} {what}",
                            **place,
                        )
                    )
        for kind, what, before, after in (
            ("coverage", "actions", bool(g_old.actions), bool(g_new.actions)),
            ("evidence", "indicators with data", bool(g_old.targets_with_evidence), bool(g_new.targets_with_evidence)),
        ):
            if before != after:
                state = "now has" if after else "no longer has any"
                changes.append(
                    Change(
                        kind=f"goal-{kind}-{'gained' if after else 'lost'}",
                        subject=str(g_new.goal),
                        message=f"goal {g_new.goal} {g_new.short_name} {state} {what}",
                    )
                )
    return changes


def compare(
    old: Review,
    new: Review,
    fw: Framework,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    tolerance: Tolerance | None = None,
    old_name: str = "old",
    new_name: str = "new",
) -> Diff:
    """Every change from ``old`` to ``new`` (pure: both reviews already read)."""
    tolerance = tolerance or Tolerance()
    changes = _records(old.actions_by_id, new.actions_by_id, "action", ACTION_FIELDS, lambda a: a.title or "")
    changes += _records(
        old.indicators_by_id, new.indicators_by_id, "indicator", INDICATOR_FIELDS, lambda i: i.name or ""
    )
    changes += _data(old, new, tolerance)
    changes += _statuses(
        progress(old, fw, method=method, thresholds=thresholds),
        progress(new, fw, method=method, thresholds=thresholds),
        new,
    )
    changes += _coverage(coverage(old, fw, []), coverage(new, fw, []))
    order = list(KINDS)
    changes.sort(key=lambda c: order.index(c.kind))
    return Diff(old=old_name, new=new_name, method=method, changes=changes)


#: The fields of a change, as the CSV report and the workbook of changes give them.
COLUMNS = ["kind", "subject", "field", "old", "new", "change", "relative", "message", "file", "sheet", "cell"]
