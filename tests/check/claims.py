"""What every claim test asserts: the claim holds on the real run, and the same claim says no
(with advice) when judged on figures another run could have shown."""
from gui.lessons import unit


def holds_and_breaks(lesson_id, run, broken):
    """The unit's claim on `run` holds with no advice; on `broken` it does not, with advice,
    and says the same words. Returns the claim."""
    claim = unit(lesson_id).claim(run)
    assert claim is not None and claim.text and "\n" not in claim.text
    assert claim.held, (claim, run.result)
    refused = unit(lesson_id).claim(broken)
    assert not refused.held and refused.advice, (refused, broken.result)
    assert refused.text == claim.text           # the same claim, judged on other figures
    return claim
