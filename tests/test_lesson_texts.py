"""Every lesson has its text in English and in Simplified Chinese, and the two say the same
thing: the Chinese text is Chinese prose around exactly the same code, with the same shape."""
import re
from pathlib import Path

import pytest

from workloads import catalog

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "assets" / "lessons"
CHINESE = TEXTS / "zh_CN"
IDS = [lesson.id for lesson in catalog.LESSONS]

FENCE = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`]+)`")          # may wrap over a line in the English text
HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
BULLET = re.compile(r"^\s*[-*] ", re.MULTILINE)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
WORD = re.compile(r"[A-Za-z]+")
# Code spans the Chinese text may not keep as they are, with the reason. None so far: code,
# names, numbers and commands read the same in both languages.
SPANS_KEPT_DIFFERENT = {}


def read(path):
    return path.read_text(encoding="utf-8")


def outside_fences(text):
    return FENCE.sub("", text)


def code_spans(text):
    """Backticked spans, whitespace-normalised (the English wraps long spans), sorted."""
    return sorted(" ".join(span.split()) for span in CODE_SPAN.findall(outside_fences(text)))


def prose(text):
    return CODE_SPAN.sub("", outside_fences(text))


def test_every_lesson_in_the_catalog_has_an_english_and_a_chinese_text():
    missing = [f"{folder.name}/{lesson_id}.md" for lesson_id in IDS
               for folder in (TEXTS, CHINESE) if not (folder / f"{lesson_id}.md").is_file()]
    assert not missing, f"lesson texts missing: {missing}"


def test_no_chinese_text_for_a_lesson_the_catalog_does_not_have():
    strays = sorted(p.name for p in CHINESE.glob("*.md") if p.stem not in IDS)
    assert not strays, f"Chinese texts of unknown lessons: {strays}"


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_chinese_text_is_mostly_chinese(lesson_id):
    words = prose(read(CHINESE / f"{lesson_id}.md"))
    cjk, latin = len(CJK.findall(words)), len(LATIN.findall(words))
    assert cjk / (cjk + latin) >= 0.6, (
        f"{cjk} Chinese characters against {latin} Latin letters outside code")
    # a whole translation takes about 1.5 characters per English word; a text with parts
    # left out (or left in English) falls well short of one
    english_words = len(WORD.findall(prose(read(TEXTS / f"{lesson_id}.md"))))
    assert cjk >= english_words, (
        f"{cjk} Chinese characters for {english_words} English words: parts are missing")


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_chinese_text_keeps_the_code_and_the_shape_of_the_english_one(lesson_id):
    english, chinese = read(TEXTS / f"{lesson_id}.md"), read(CHINESE / f"{lesson_id}.md")
    kept_different = SPANS_KEPT_DIFFERENT.get(lesson_id, set())
    en_spans = [s for s in code_spans(english) if s not in kept_different]
    zh_spans = [s for s in code_spans(chinese) if s not in kept_different]
    assert zh_spans == en_spans, (
        f"only in English: {sorted(set(en_spans) - set(zh_spans))}; "
        f"only in Chinese: {sorted(set(zh_spans) - set(en_spans))}")
    assert FENCE.findall(chinese) == FENCE.findall(english), "code blocks must stay as they are"
    for what, pattern in (("headings", HEADING), ("bullet items", BULLET)):
        assert (len(pattern.findall(outside_fences(chinese)))
                == len(pattern.findall(outside_fences(english)))), f"different number of {what}"


# Code named in the prose without backticks: a call (`fork()`, `threading.local()`), a dotted
# name (`concurrent.futures`), a snake_case or a CamelCase identifier (`MainThread`,
# `DeprecationWarning`). Product names (macOS, CPython) and abbreviations (e.g.) are not code.
CODE_NAME = re.compile(r"(?<![\w.])(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*\(\)"        # a call
                       r"|(?<![\w.])[A-Za-z_]\w+(?:\.[A-Za-z_]\w+)+"            # a dotted name
                       r"|(?<![\w.])[a-z]+_\w+"                                  # snake_case
                       r"|(?<![\w.])[A-Z][a-z]+(?:[A-Z][a-z]+)+(?![\w.])")       # CamelCase
# Code names the Chinese prose may leave out or add, with the reason. None so far.
NAMES_KEPT_DIFFERENT = {}


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_chinese_text_names_the_same_code_outside_backticks_too(lesson_id):
    """Code spans are compared above; a name from the code written as plain prose ("each
    fork() returns twice", "MainThread") must not be lost or renamed in translation either."""
    kept = NAMES_KEPT_DIFFERENT.get(lesson_id, set())
    english = set(CODE_NAME.findall(prose(read(TEXTS / f"{lesson_id}.md")))) - kept
    chinese = set(CODE_NAME.findall(prose(read(CHINESE / f"{lesson_id}.md")))) - kept
    assert chinese == english, (f"only in English: {sorted(english - chinese)}; "
                                f"only in Chinese: {sorted(chinese - english)}")


NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:[.,]\d+)*")   # CJK may touch a number


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_chinese_text_says_the_same_numbers_and_names_the_same_lessons(lesson_id):
    """Outside code too: the same numbers (5 ms, 3.10, 2 cores) and the same lesson ids, so
    the two texts cannot promise different things."""
    english = prose(read(TEXTS / f"{lesson_id}.md"))
    chinese = prose(read(CHINESE / f"{lesson_id}.md"))
    assert sorted(NUMBER.findall(chinese)) == sorted(NUMBER.findall(english))
    named = [i for i in IDS if i in english]
    assert [i for i in IDS if i in chinese] == named


@pytest.mark.parametrize("lesson_id", IDS)
def test_the_chinese_markdown_renders_without_stray_marks(qapp, lesson_id):
    """Chinese punctuation next to ** or * can stop markdown from seeing the emphasis; then
    the asterisks show up in the text pane."""
    from PySide6.QtGui import QTextDocument

    text = read(CHINESE / f"{lesson_id}.md")
    document = QTextDocument()
    document.setMarkdown(text)
    shown = document.toPlainText()
    for span in sorted(set(CODE_SPAN.findall(outside_fences(text))), key=len, reverse=True):
        shown = shown.replace(" ".join(span.split()), "")
    assert "*" not in shown and "`" not in shown, [
        line for line in shown.splitlines() if "*" in line or "`" in line]


def test_the_window_shows_the_text_in_the_chosen_language(qtbot):
    from PySide6.QtGui import QTextDocument

    from gui.main_window import MainWindow

    def rendered(path):
        document = QTextDocument()
        document.setMarkdown(read(path))
        return document.toPlainText()

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        shown = window.lessons.current_lesson()
        assert window.text.toPlainText() == rendered(TEXTS / f"{shown}.md")
        window.set_language("zh_CN", remember=False)      # the open lesson's text follows
        qtbot.waitUntil(lambda: window.text.toPlainText() == rendered(CHINESE / f"{shown}.md"),
                        timeout=10_000)
        for lesson_id in IDS:
            window.lessons.select(lesson_id)
            assert window.text.toPlainText() == rendered(CHINESE / f"{lesson_id}.md"), lesson_id
        window.set_language("en", remember=False)
        qtbot.waitUntil(lambda: window.text.toPlainText() == rendered(TEXTS / f"{IDS[-1]}.md"),
                        timeout=10_000)
    finally:
        window.set_language("en", remember=False)
