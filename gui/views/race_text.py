"""The race lesson's printed output: read (`parse_race_output`) and put in the window's words
(`printed`, `compact`, the captions), for the Balance tab. Plain Python: no Qt widgets.
"""
import re
from dataclasses import dataclass, field

from gui.i18n import QT_TRANSLATE_NOOP, translate

ROW = re.compile(r"^\s*(\d+|\.\.\.)\s*\|(.*)\|(.*)\|\s*(-?\d*)\s*$")
CELL = re.compile(r"^(.*?)\s+#.*?=\s*(-?\d+)(?:, (.*))?$")   # "code  # ... = value, note"
LOST = re.compile(r"^(t\d)'s (-?\d+) is lost$")
# What the lesson prints, matched -> the same words in the window's language
PRINTED = (
    (re.compile(r"^(?P<t1>[\d,]+) of t1's, (?P<t2>[\d,]+) of t2's$"),
     QT_TRANSLATE_NOOP("RacePanel", "{t1} of t1's, {t2} of t2's")),
    (re.compile(r"^\.\.\. (?P<steps>[\d,]+) more steps \.\.\.$"),
     QT_TRANSLATE_NOOP("RacePanel", "... {steps} more steps ...")),
    (re.compile(r"^(?P<version>CPython [\d.]+) switches threads only at calls and loop jumps, "
                r"never inside `balance = balance \+ n`$"),
     QT_TRANSLATE_NOOP("RacePanel", "{version} switches threads only at calls and loop jumps, "
                                    "never inside `balance = balance + n`")),
    (re.compile(r"^the lock let one thread at a time into change_it$"),
     QT_TRANSLATE_NOOP("RacePanel", "the lock let one thread at a time into change_it")),
    (re.compile(r"^No update lost: the lock let one thread at a time into change_it\.$"),
     QT_TRANSLATE_NOOP("RacePanel",
                       "No update lost: the lock let one thread at a time into change_it.")),
    (re.compile(r"^No steps shown: (?P<version>CPython [\d.]+) can also switch threads inside "
                r"the ledger, so only CPython 3\.11\+ records them exactly\.$"),
     QT_TRANSLATE_NOOP("RacePanel", "No steps shown: {version} can also switch threads inside "
                                    "the ledger, so only CPython 3.11+ records them exactly.")),
    (re.compile(r"^Nothing lost this time, but (?P<version>CPython [\d.]+) can switch threads "
                r"inside `balance = balance \+ n`: run it again, or with more iterations\.$"),
     QT_TRANSLATE_NOOP("RacePanel", "Nothing lost this time, but {version} can switch threads "
                                    "inside `balance = balance + n`: run it again, or with more "
                                    "iterations.")),
)


@dataclass
class RaceResult:
    """What the lesson printed: the final balance, the lost updates (exact or a lower
    bound) and the rows of the captured interleaving (step, t1 cell, t2 cell, balance)."""
    balance: int = None
    lost: int = None
    at_least: bool = False
    detail: str = ""                    # "(7 of t1's, 7 of t2's)"
    rows: list = field(default_factory=list)
    note: str = ""                      # why there is no table


def parse_race_output(text):
    result = RaceResult()
    balance = re.search(r"^final balance: (-?\d+)", text, re.M)
    lost = re.search(r"^lost updates: (at least )?(\d+) ?(\(.*\))?", text, re.M)
    if balance:
        result.balance = int(balance.group(1))
    if lost:
        result.lost, result.at_least = int(lost.group(2)), bool(lost.group(1))
        result.detail = lost.group(3) or ""
    in_table = False
    for line in text.splitlines():
        if line.startswith("step |"):
            in_table = True
        elif in_table and ROW.match(line):
            result.rows.append([cell.strip() for cell in ROW.match(line).groups()])
        elif in_table:
            break
    why = re.search(r"^(\(No steps shown: .*\)|No update lost: .*|Nothing lost this time.*)$",
                    text, re.M)
    result.note = why.group(1).strip("()") if why else ""
    return result


def printed(text):
    """A sentence the lesson printed, in the window's language when it is a known one."""
    for pattern, words in PRINTED:
        match = pattern.match(text)
        if match:
            return translate("RacePanel", words).format(**match.groupdict())
    return text


def compact(cell):
    """A table cell as a class reads it: ``x1 = balance + 5 → 5``; a lost update says what
    it wiped out."""
    match = CELL.match(cell)
    if not match:
        return printed(cell)
    code, value, lost = match.groups()
    if not lost:
        return f"{code}  → {value}"
    wiped = LOST.match(lost)
    if wiped is None:
        return f"{code}  → {value}  ✗ {lost.replace(' is lost', ' lost')}"
    return translate("RacePanel", "{code}  → {value}  ✗ {thread}'s {old} lost").format(
        code=code, value=value, thread=wiped.group(1), old=wiped.group(2))


def no_table_caption(result, session):
    """Why there is no step table, in the lesson's words."""
    variant = session.values.get("variant") if session is not None else None
    if variant == "naive" and result.lost == 0 and not result.at_least and result.detail:
        return translate("RacePanel", "No update lost: {why}. Variant widened puts a call there "
                                      "and shows a lost update step by step.").format(
            why=printed(result.detail.strip("()")))
    if variant == "naive":
        return translate("RacePanel", "The textbook code keeps no ledger (a call inside "
                                      "change_it would change the race), so the lost updates "
                                      "are counted from the balance alone. Variant widened "
                                      "shows a lost update step by step.")
    if result.note:
        return printed(result.note)
    return translate("RacePanel", "No lost update: no interleaving to show.")


def table_caption(rows, lost_row):
    """What the table shows, in one sentence with this run's numbers."""
    column = 1 if rows[lost_row][1] else 2
    writer, other = f"t{column}", f"t{3 - column}"
    steps = 0
    for row in rows:
        cell = row[3 - column]
        gap = re.search(r"([\d,]+) more steps", cell)
        steps += int(gap.group(1).replace(",", "")) if gap else bool(cell)
    return translate("RacePanel", "<b>One real interleaving from this run:</b> {writer} read, "
                                  "CPython ran {other} for {steps} steps, {writer} wrote its "
                                  "stale result: {other}'s update is lost.").format(
        writer=writer, other=other, steps=f"{steps:,}")
