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
place in the new workbooks (the old ones for what was removed), and a message in the
language spoken (:func:`vlr.formatting.speaking`). Pure functions over two loaded reviews;
:func:`vlr.main.diff` reads them, :mod:`vlr.reports.changes` words them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, Field

from vlr.analysis.coverage import Coverage, coverage
from vlr.analysis.progress import Progress, Thresholds, progress
from vlr.formatting import N_, _, number, percent, speaking_now
from vlr.framework.catalogue import Framework
from vlr.framework.goal_names import goal_name
from vlr.model.review import DataPoint, Located, Review
from vlr.model.series import period_of

#: Kinds of change, in the order reports list them, with their heading (translated where
#: shown: ``_(KINDS[kind])``).
KINDS = {
    "action-added": N_("Actions added"),
    "action-removed": N_("Actions removed"),
    "action-changed": N_("Actions changed"),
    "indicator-added": N_("Indicators added"),
    "indicator-removed": N_("Indicators removed"),
    "indicator-changed": N_("Indicators changed"),
    "data-added": N_("Data points added"),
    "data-removed": N_("Data points removed"),
    "data-revised": N_("Data points revised"),
    "status-changed": N_("Statuses changed"),
    "target-coverage-gained": N_("Targets that gained actions"),
    "target-coverage-lost": N_("Targets that lost their actions"),
    "target-evidence-gained": N_("Targets that gained evidence"),
    "target-evidence-lost": N_("Targets that lost their evidence"),
    "goal-coverage-gained": N_("Goals that gained actions"),
    "goal-coverage-lost": N_("Goals that lost all their actions"),
    "goal-evidence-gained": N_("Goals that gained evidence"),
    "goal-evidence-lost": N_("Goals that lost all their evidence"),
}
#: The fields compared, each with its name in a change's ``field`` (English, for scripts;
#: translated in its message).
ACTION_FIELDS = {"title": N_("title"), "theme": N_("theme"), "targets": N_("SDG targets"), "status": N_("status")}
INDICATOR_FIELDS = {
    "targets": N_("SDG targets"),
    "direction": N_("direction"),
    "target_value": N_("target value"),
    "target_year": N_("target year"),
}
#: A change's message, by its kind: an action's or an indicator's.
ADDED = {"action": N_("action {id} added: {title}"), "indicator": N_("indicator {id} added: {title}")}
REMOVED = {"action": N_("action {id} removed: {title}"), "indicator": N_("indicator {id} removed: {title}")}
CHANGED = {
    "action": N_("action {id}: {field} {old} \u2192 {new}"),
    "indicator": N_("indicator {id}: {field} {old} \u2192 {new}"),
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
    #: The language its messages are in (the new review's, or the one asked for).
    language: str = "en"

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
                    message=_(ADDED[kind]).format(id=rid, title=label(rec)),
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
                        message=_(CHANGED[kind]).format(
                            id=rid, field=_(name), old=_text(a) or _("(none)"), new=_text(b) or _("(none)")
                        ),
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
                    message=_(REMOVED[kind]).format(id=rid, title=label(rec)),
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
                    message=_("{subject}: new value {value}").format(subject=subject(p), value=_g(p.value)),
                    **_place(p, "value"),
                )
            )
        elif q.value != p.value and not tolerance.ignores(q.value, p.value):
            delta = p.value - q.value
            relative = delta / abs(q.value) if q.value else None
            changes.append(
                Change(
                    kind="data-revised",
                    subject=subject(p),
                    old=q.value,
                    new=p.value,
                    change=delta,
                    relative=relative,
                    message=_revision(subject(p), q.value, p.value, delta, relative),
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
                    message=_("{subject}: value {value} removed").format(subject=subject(q), value=_g(q.value)),
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
                old=_(q.label),
                new=_(r.label),
                message=_("indicator {id} ({name}): {old} \u2192 {new} ({method} method)").format(
                    id=r.indicator, name=r.name, old=_(q.label), new=_(r.label), method=r.method
                ),
                **(_place(ind, "id") if ind else {}),
            )
        )
    return changes


def _revision(subject: str, old: float, new: float, delta: float, relative: float | None) -> str:
    """A revised value's message: old → new, the difference and, where the old is not zero, its share."""
    values = {"subject": subject, "old": _g(old), "new": _g(new), "delta": _g(delta, "+")}
    if relative is None:
        return _("{subject}: {old} \u2192 {new} ({delta})").format(**values)
    share = ("+" if relative >= 0 else "") + percent(relative, speaking_now())
    return _("{subject}: {old} \u2192 {new} ({delta}) ({share})").format(**values, share=share)


def _g(value: float, sign: str = "") -> str:
    """``value`` as few digits as show it (``:g``), with the decimal sign of the language
    spoken: ``2.85`` in English, ``2,85`` in Finnish."""
    text = format(value, sign + "g")
    decimal = number(0.5, speaking_now(), 1)[1:2] or "."
    return text.replace(".", decimal) if decimal != "." else text


#: A target's or goal's change of coverage, by its kind.
COVERAGE_MESSAGES = {
    "target-coverage-gained": N_("target {code} now has actions"),
    "target-coverage-lost": N_("target {code} no longer has actions"),
    "target-evidence-gained": N_("target {code} now has evidence"),
    "target-evidence-lost": N_("target {code} no longer has evidence"),
    "goal-coverage-gained": N_("goal {number} {name} now has actions"),
    "goal-coverage-lost": N_("goal {number} {name} no longer has any actions"),
    "goal-evidence-gained": N_("goal {number} {name} now has indicators with data"),
    "goal-evidence-lost": N_("goal {number} {name} no longer has any indicators with data"),
}


def _coverage(old: Coverage, new: Coverage) -> list[Change]:
    changes = []
    for g_old, g_new in zip(old.goals, new.goals):
        for t_old, t_new in zip(g_old.targets, g_new.targets):
            for has, what in (("has_actions", "coverage"), ("has_evidence", "evidence")):
                a, b = getattr(t_old, has), getattr(t_new, has)
                if a != b:
                    source = t_new.source or t_old.source
                    place = {"file": source.file, "sheet": source.sheet, "cell": source.cell} if source else {}
                    kind = f"target-{what}-{'gained' if b else 'lost'}"
                    message = _(COVERAGE_MESSAGES[kind]).format(code=t_new.code)
                    changes.append(Change(kind=kind, subject=t_new.code, message=message, **place))
        for what, before, after in (
            ("coverage", bool(g_old.actions), bool(g_new.actions)),
            ("evidence", bool(g_old.targets_with_evidence), bool(g_new.targets_with_evidence)),
        ):
            if before != after:
                kind = f"goal-{what}-{'gained' if after else 'lost'}"
                name = goal_name(g_new.goal, g_new.short_name)
                message = _(COVERAGE_MESSAGES[kind]).format(number=g_new.goal, name=name)
                changes.append(Change(kind=kind, subject=str(g_new.goal), message=message))
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
