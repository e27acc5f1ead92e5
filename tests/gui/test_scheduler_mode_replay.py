"""Replay the real run: an interleaving recorded from a real, unstepped run of the widened
race, stepped again through the window, loses its update again."""
import pytest

from tests.gui.test_scheduler_mode import stepping, table
from tests.gui.waiting import active_window, until

pytestmark = pytest.mark.realrun          # real runs of the race, recorded and stepped


def test_replaying_a_real_run_of_the_widened_race_loses_its_update_again(qtbot, run_async):
    window = active_window(qtbot)

    async def scenario():
        mode, panel = await stepping(window, "threads.race",
                                     {"variant": "widened", "iterations": 1000}, "line",
                                     "cpython")
        panel.speed.setValue(panel.speed.maximum())
        panel.replay_button.click()
        await until(lambda: mode._revealed or "nothing to replay" in panel.message.text(),
                    timeout=150, message="the replay to lose an update")
        state = mode.run.state()
        rows = table(panel)
        mode.stop()
        return state, rows

    state, rows = run_async(scenario())
    assert state["shared"]["lost"] >= 1 and state["shared"]["value"] != state["shared"][
        "expected"]
    assert any("✗" in row[1] + row[2] for row in rows)
