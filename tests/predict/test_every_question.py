"""Every lesson asks a question with 2 to 5 choices (tests/gui/test_lessons_in_window.py
checks that each lesson's quick run answers it)."""
import os

import pytest

from gui.lessons import unit
from workloads import catalog

NEEDS_CORES = {"threads.gil", "showdown.cpu"}     # "how many cores" needs two at least


def variants(lesson):
    """Default values of the lesson with each of its variants."""
    choices = next((p.choices for p in lesson.params if p.name == "variant"), (None,))
    return [catalog.resolve(lesson.id, {"variant": v} if v else {}) for v in choices]


@pytest.mark.parametrize("lesson", catalog.LESSONS, ids=lambda item: item.id)
def test_every_lesson_and_variant_has_a_question_of_2_to_5_choices(lesson):
    for values in variants(lesson):
        question = unit(lesson.id).question(values)
        if question is None:
            assert lesson.id in NEEDS_CORES and (os.cpu_count() or 1) < 2, values
            continue
        assert question.text.endswith("?"), question.text
        assert 2 <= len(question.choices) <= 5
        assert all(question.choices) and len(set(question.choices)) == len(question.choices)
