"""The Balance tab's words: the interleaving's rows as a class reads them, the captions and
the lost-updates tooltip, all from the lesson's figures (no Qt widgets).

A step of the ``steps`` figure is one of (threads: 1 is t1, 2 is t2)::

    ["read", thread, before, delta, x]   x = balance + delta, the balance being `before`
    ["write", thread, x]                 balance = x
    ["lost", thread, x, wiped]           balance = x over `wiped`: the other thread's update
    ["more", thread, steps]              `steps` more steps of thread, left out

``reason`` says why there is or is no table: "steps" (there is), "locked" (the lock let one
thread at a time in), "calls_only" (this CPython never switches inside the textbook line),
"no_switch" (no switch between a read and its write this time), "ledger_inexact" (the
ledger cannot count exactly on this interpreter), "by_chance" (nothing lost this time on an
interpreter that can lose updates) or "".
"""
from dataclasses import dataclass

from gui.i18n import translate
from gui.lessons.threads.race import version_text


@dataclass
class Row:
    """One row of the step table, in the window's words."""
    step: str                   # "1", "2", ... or "..." for steps left out
    t1: str
    t2: str
    balance: str
    lost: bool = False          # the stale write


def table_rows(steps):
    """The ``steps`` figure as table rows."""
    rows, number = [], 0
    for step in steps:
        kind, thread = step[0], step[1]
        lost = kind == "lost"
        if kind == "more":
            text = translate("RacePanel", "... {steps} more steps ...").format(
                steps=f"{step[2]:,}")
            label, value = "...", ""
        else:
            number += 1
            label = str(number)
            if kind == "read":
                before, delta, x = step[2:5]
                sign = "+" if delta >= 0 else "-"
                text, value = f"x{thread} = balance {sign} {abs(delta)}  → {x}", str(before)
            elif lost:
                text = translate("RacePanel", "{code}  → {value}  ✗ {thread}'s {old} lost")
                text = text.format(code=f"balance = x{thread}", value=step[2],
                                   thread=f"t{3 - thread}", old=step[3])
                value = str(step[2])
            else:
                text, value = f"balance = x{thread}  → {step[2]}", str(step[2])
        cells = (text, "") if thread == 1 else ("", text)
        rows.append(Row(label, cells[0], cells[1], value, lost))
    return rows


def table_caption(steps):
    """What the table shows, in one sentence with this run's numbers."""
    writer = next(step[1] for step in steps if step[0] == "lost")
    other = 3 - writer
    ran = sum(step[2] if step[0] == "more" else 1 for step in steps if step[1] == other)
    return translate("RacePanel", "<b>One real interleaving from this run:</b> {writer} read, "
                                  "CPython ran {other} for {steps} steps, {writer} wrote its "
                                  "stale result: {other}'s update is lost.").format(
        writer=f"t{writer}", other=f"t{other}", steps=f"{ran:,}")


def no_table_caption(run):
    """Why there is no step table, in the lesson's words."""
    figures, variant = run.result, run.result.get("variant", run.values.get("variant"))
    reason, version = figures.get("reason", ""), version_text(run)
    if variant == "naive" and reason == "calls_only":
        return translate("RacePanel", "No update lost: {why}. Variant widened puts a call there "
                                      "and shows a lost update step by step.").format(
            why=calls_only(version))
    if variant == "naive":
        return translate("RacePanel", "The textbook code keeps no ledger (a call inside "
                                      "change_it would change the race), so the lost updates "
                                      "are counted from the balance alone. Variant widened "
                                      "shows a lost update step by step.")
    if reason == "locked":
        return translate("RacePanel",
                         "No update lost: the lock let one thread at a time into change_it.")
    if reason == "no_switch":
        return translate("RacePanel", "No update lost this time: CPython never switched threads "
                                      "between a read and its write. Try more iterations.")
    if reason == "ledger_inexact":
        return translate("RacePanel", "No steps shown: {version} can also switch threads inside "
                                      "the ledger, so only CPython 3.11+ records them exactly."
                         ).format(version=version)
    if reason == "by_chance":
        return translate("RacePanel", "Balance 0 does not prove that nothing was lost: lost "
                                      "updates can cancel out. {version} can switch threads "
                                      "inside `balance = balance + n`: run it again, or with more "
                                      "iterations.").format(version=version)
    return translate("RacePanel", "No lost update: no interleaving to show.")


def lost_tip(run):
    """The lost-updates card's tooltip: how they were counted, or why there are none."""
    figures = run.result
    if not figures.get("lost_exact", True):
        return translate("RacePanel", "at least: counted from the balance")
    if "lost_t1" in figures:
        detail = translate("RacePanel", "{t1} of t1's, {t2} of t2's").format(
            t1=f"{figures['lost_t1']:,}", t2=f"{figures.get('lost_t2', 0):,}")
    elif figures.get("reason") == "calls_only":
        detail = calls_only(version_text(run))
    elif figures.get("reason") == "locked":
        detail = translate("RacePanel", "the lock let one thread at a time into change_it")
    else:
        return translate("RacePanel", "lost updates")
    return translate("RacePanel", "lost updates ({detail})").format(detail=detail)


def calls_only(version):
    return translate("RacePanel", "{version} switches threads only at calls and loop jumps, "
                                  "never inside `balance = balance + n`").format(version=version)
