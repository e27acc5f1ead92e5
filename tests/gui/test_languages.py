"""English and Simplified Chinese: every string of the interface has a translation, the
window switches language without a restart, the choice is remembered, and the system
locale picks the first language."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, \
    QTreeWidget

from gui import i18n
from gui.main_window import MainWindow
from workloads import catalog

TS = i18n.FOLDER / "concurrency_lab_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}[ ,.:;]+[A-Za-z]{3,}")       # two English words in a row
# Shown as they are in every language: lesson ids, code, file names, product and state names
KEEP = re.compile(r"^(Concurrency Lab|English|简体中文|[\w.]+\.py|[a-z_]+\.[a-z_]+)$")


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    i18n.set_language("en")


def visible_texts(window):
    """Every text a user can read in the window: menus, buttons, labels, tabs, lesson list."""
    texts = [window.windowTitle()]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    for button in window.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window):
            texts.append(label.text())
    for box in window.findChildren(QGroupBox):
        texts.append(box.title())
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for tree in window.findChildren(QTreeWidget):
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            texts += [top.text(0)] + [top.child(j).text(0) for j in range(top.childCount())]
    return [t.replace("&", "").strip() for t in texts if t and t.strip()]


@pytest.mark.realrun                # lupdate runs as a program of its own
def test_every_string_of_the_interface_has_a_chinese_translation(tmp_path):
    """lupdate over today's sources finds no string without a finished translation, and
    every translation keeps the {placeholders} of its source."""
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    i18n.update(ts, quiet=True)
    missing = i18n.untranslated(ts)
    assert not missing, f"{len(missing)} strings have no Chinese translation: {missing[:10]}"
    for message in ET.parse(ts).getroot().iter("message"):
        tr = message.find("translation")
        if tr.get("type") not in ("obsolete", "vanished"):
            source = message.findtext("source")
            assert i18n.placeholders(source) == i18n.placeholders(tr.text), source


def test_the_compiled_translation_matches_its_source(qapp):
    """The .qm the app loads says what the .ts says (lrelease was run after the last edit)."""
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path("zh_CN")))
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr.get("type") in ("obsolete", "vanished", "unfinished"):
                continue
            if message.get("numerus") == "yes":       # Chinese has one plural form
                form = tr.find("numerusform").text
                assert translator.translate(name, message.findtext("source"), None, 2) == \
                    form.replace("%n", "2")
                continue
            assert translator.translate(name, message.findtext("source")) == tr.text


def test_switching_language_changes_the_visible_strings_without_a_restart(window):
    english = visible_texts(window)
    assert "Lessons" in english and "Parameters" in english
    window.set_language("zh_CN")
    chinese = visible_texts(window)
    assert sum(bool(CJK.search(t)) for t in chinese) >= 0.8 * len(chinese)
    # Without a CJK font the window says so in English: Chinese would show as boxes.
    notice = i18n.missing_font_message()
    leftovers = [t for t in chinese if ENGLISH.search(t) and not CJK.search(t)
                 and not KEEP.match(t) and t != notice]
    assert not leftovers, f"English left in the Chinese window: {leftovers}"
    # a lesson's own tab and text follow too
    window.lessons.select("distributed.manager")
    assert CJK.search(window.tabs.tabText(1)) and CJK.search(window.text.toPlainText())
    window.set_language("en")
    assert visible_texts(window) == english or set(visible_texts(window)) >= {"Lessons"}


def test_every_lesson_title_and_chapter_has_a_translation(window):
    window.set_language("zh_CN")
    tree = window.lessons
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert CJK.search(top.text(0)), top.text(0)
        for j in range(top.childCount()):
            title = top.child(j).text(0)          # "fork, spawn, forkserver" is code alone
            assert CJK.search(title) or not ENGLISH.search(title), title
    assert len(catalog.LESSONS) == sum(tree.topLevelItem(i).childCount()
                                       for i in range(tree.topLevelItemCount()))


def test_the_language_is_remembered_between_launches(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.set_language("zh_CN")
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    try:
        assert i18n.current() == "zh_CN"
        assert second.language_actions["zh_CN"].isChecked()
        assert CJK.search(second.run_button.text())
    finally:
        second.set_language("en")


def test_the_system_locale_chooses_the_first_language(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setenv("LANGUAGE", "en_GB")
    assert i18n.system_language() == "en"


def test_chinese_gets_a_cjk_font_when_one_is_installed(window):
    family = i18n.cjk_font()
    if not family:
        message = i18n.missing_font_message()
        assert "Install" in message and ("noto" in message.lower() or "font" in message)
        pytest.skip(f"no CJK font on this machine; the window says: {message}")
    window.set_language("zh_CN")
    from PySide6.QtWidgets import QApplication
    assert family in QApplication.font().families()
    assert i18n.missing_font_message() == ""


def test_the_window_starts_in_the_system_language(tmp_path):
    """A fresh launch under a Chinese locale opens in Chinese (no setting saved yet)."""
    code = ("import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "from gui.app import create_app\nfrom gui.main_window import MainWindow\n"
            "app = create_app(); w = MainWindow(); print(w.run_button.text())\n")
    env = {**__import__("os").environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8",
           "CLAB_SETTINGS": str(tmp_path / "s.ini")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60, cwd=str(i18n.ROOT))
    assert out.returncode == 0, out.stderr
    assert CJK.search(out.stdout), out.stdout


@pytest.mark.parametrize("lesson_id, figures", [
    ("distributed.worker_crash", {"tasks": 10, "results_back": 9, "came_back_twice": 0,
                                  "lost": 1, "lost_tasks": [3], "never_taken": 0,
                                  "killed_pid": 4242, "killed_exit_code": -9}),
    ("showdown.cpu", {"cores": 2, "workers": 2, "fastest": "processes",
                      "models": ["sequential", "threads", "processes", "asyncio"],
                      "wall_s": [2.0, 2.1, 1.1, 2.0], "cpu_s": [2.0, 2.1, 2.1, 2.0],
                      "speed_up": [1.0, 0.95, 1.82, 1.0], "jobs_done": [4, 4, 4, 4]}),
])
def test_english_and_chinese_sentences_are_made_from_the_same_numbers(window, lesson_id,
                                                                       figures):
    """A sentence is made from the lesson's figures in either language, so both name the
    same task, count and speed-up (they once named different tasks)."""
    from gui.lessons import Run, unit
    run = Run(lesson_id, catalog.resolve(lesson_id, {}), None, figures)
    english = unit(lesson_id).sentence(run)
    window.set_language("zh_CN")
    chinese = unit(lesson_id).sentence(run)
    window.set_language("en")
    assert english and chinese != english and CJK.search(chinese)
    numbers = sorted(re.findall(r"\d+(?:\.\d+)?", english))
    assert sorted(re.findall(r"\d+(?:\.\d+)?", chinese)) == numbers, (english, chinese)


def test_every_text_marked_in_the_code_is_in_the_translation_file():
    """lupdate skips a call it cannot parse (a count such as ``figures.get("n", 1)``), and
    the string then shows in English in a Chinese window: every literal translate() and
    QT_TRANSLATE_NOOP() in gui/ must have its entry."""
    import ast
    entries = {(c.findtext("name"), m.findtext("source"))
               for c in ET.parse(TS).getroot().iter("context") for m in c.iter("message")}
    missing = []
    for path in i18n.sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2 and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str)
                    for a in node.args[:2]):
                key = (node.args[0].value, node.args[1].value)
                if key not in entries:
                    missing.append(f"{path.name}:{node.lineno} {key}")
    assert not missing, missing
