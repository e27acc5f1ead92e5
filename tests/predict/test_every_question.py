"""Every lesson asks a question, with 2 to 5 choices, and its quick run answers it."""
import os

import pytest

from gui import questions
from tests.gui.test_lessons_in_window import QUICK
from tests.lessons.conftest import run_lesson
from workloads import catalog

SMALL = {**QUICK, "showdown.cpu": {"jobs": 2, "size": 200_000},
         "showdown.io": {"jobs": 3, "delay_ms": 100}}
NEEDS_CORES = {"threads.gil", "showdown.cpu"}     # "how many cores" needs two at least


def quick_values(lesson_id):
    return catalog.resolve(lesson_id, SMALL.get(lesson_id, {}))


def variants(lesson):
    """Default values of the lesson with each of its variants."""
    choices = next((p.choices for p in lesson.params if p.name == "variant"), (None,))
    return [catalog.resolve(lesson.id, {"variant": v} if v else {}) for v in choices]


ASKED = [item.id for item in catalog.LESSONS if not item.unavailable()
         and questions.question(item.id, quick_values(item.id)) is not None]


@pytest.mark.parametrize("lesson", catalog.LESSONS, ids=lambda item: item.id)
def test_every_lesson_and_variant_has_a_question_of_2_to_5_choices(lesson):
    for values in variants(lesson):
        question = questions.question(lesson.id, values)
        if question is None:
            assert lesson.id in NEEDS_CORES and (os.cpu_count() or 1) < 2, values
            continue
        assert question.text.endswith("?"), question.text
        assert 2 <= len(question.choices) <= 5
        assert all(question.choices) and len(set(question.choices)) == len(question.choices)


@pytest.mark.parametrize("lesson_id", ASKED)
def test_the_quick_run_answers_its_question(lesson_id):
    values = quick_values(lesson_id)
    question = questions.question(lesson_id, values)
    session, out = run_lesson(lesson_id, **SMALL.get(lesson_id, {}))
    assert session.run.returncode == 0, out
    right, words = question.answer(session.values, session.model, out)
    assert right in range(len(question.choices)), (words, out)
    assert words.strip()
