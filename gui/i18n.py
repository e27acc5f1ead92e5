"""Languages: English (the source) and Simplified Chinese, with Qt's own machinery.

Every visible string goes through ``translate("Context", "text")`` (pyside6-lupdate finds
those calls and ``QT_TRANSLATE_NOOP``; the catalog's titles, chapters and parameter help are
plain data, handed to lupdate in context "catalog"); ``assets/i18n/*.ts`` hold
the translations and ``*.qm`` their compiled form, loaded with a `QTranslator`. Switching
language installs another translator: Qt then sends every widget a LanguageChange event,
and each widget sets its texts again in its ``retranslate()`` method. No restart.

Without a Qt application (the command line, the lessons) ``translate`` returns the English
text, so the command line and trace files stay in one language.

Regenerate after changing strings (the test suite checks nothing is left untranslated):
``python -m gui.i18n update`` then translate the new entries in the .ts, then
``python -m gui.i18n release``.
"""
import json
import locale
import os
import re
import subprocess
import sys
from pathlib import Path

from gui.assets import asset

ROOT = Path(__file__).resolve().parents[1]
FOLDER = asset("i18n")
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
CJK_FONT_PACKAGES = {"linux": "fonts-noto-cjk (Debian, Ubuntu) or google-noto-sans-cjk-fonts "
                              "(Fedora)",
                     "darwin": "none needed: macOS ships PingFang SC",
                     "win32": "none needed: Windows ships Microsoft YaHei"}

_translator = None
_current = SOURCE_LANGUAGE


def translate(context, text, disambiguation=None, n=-1):
    """`text` in the current language (English when no Qt application runs).

    With a count `n` (pass it fourth, positionally, as a plain name or number: lupdate skips
    a call whose count is any other expression, and a test says so), Qt puts the number for ``%n`` (Chinese
    needs no plural form: one translation serves every count); the English source writes
    plurals as ``"%n update(s) lost"`` or ``"%n process(es)"``, which read "1 update lost",
    "2 updates lost", "2 processes"."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None or qtcore.QCoreApplication.instance() is None:
        out = text.replace("%n", str(n)) if n >= 0 else text
    else:
        out = qtcore.QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(" in out:
        out = out.replace("(es)", "" if n == 1 else "es").replace("(s)", "" if n == 1 else "s")
    return out


def QT_TRANSLATE_NOOP(context, text):       # noqa: N802 (the name lupdate looks for)
    """Marks `text` for translation in `context` where it is defined; translate it where it
    is shown, with ``translate(context, text)``."""
    return text


def current():
    return _current


def system_language():
    """The language the system asks for: zh_* -> Simplified Chinese, anything else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):   # as gettext reads them
        value = os.environ.get(variable)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        from PySide6.QtCore import QLocale
        name = QLocale.system().name()
    except ImportError:
        name = (locale.getlocale()[0] or "")
    return "zh_CN" if name.lower().startswith("zh") else "en"


def qm_path(language):
    return FOLDER / f"concurrency_lab_{language}.qm"


def set_language(language):
    """Install the translator for `language` ("en" or "zh_CN"); widgets retranslate
    themselves on the LanguageChange event Qt sends. Returns the language now in use."""
    global _translator, _current
    from PySide6.QtCore import QCoreApplication, QTranslator

    app = QCoreApplication.instance()
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if language != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        if not translator.load(str(qm_path(language))):
            raise OSError(f"cannot load the translation {qm_path(language)}")
        app.installTranslator(translator)
        _translator = translator
    _current = language
    if language.startswith("zh"):
        _use_cjk_font(app)
    # Qt posts LanguageChange to every widget: deliver them now, so the switch is done
    # when this returns
    from PySide6.QtCore import QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return language


def cjk_font():
    """The family of an installed font with Simplified Chinese glyphs, or ''."""
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for preferred in ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                      "PingFang SC", "Microsoft YaHei", "SimHei"):
        if preferred in families:
            return preferred
    return families[0] if families else ""


def missing_font_message():
    """What to install when no font can show Chinese, or '' when one is there."""
    if cjk_font():
        return ""
    package = next((v for k, v in CJK_FONT_PACKAGES.items() if sys.platform.startswith(k)),
                   "a font with Simplified Chinese glyphs (Noto Sans CJK SC)")
    return ("No font for Chinese is installed, so Chinese text shows as boxes. Install "
            f"{package}, then restart the app.")


def _use_cjk_font(app):
    """Put a CJK family after the current one: Latin stays as it is, Chinese gets glyphs."""
    family = cjk_font()
    if not family:
        return
    font = app.font()
    families = [f for f in font.families() or [font.family()] if f != family]
    font.setFamilies(families + [family])
    app.setFont(font)


# -- keeping the .ts and .qm files up to date ------------------------------------------
def sources():
    """The files whose strings are translated: the window's modules."""
    return sorted(p for p in (ROOT / "gui").rglob("*.py") if "__pycache__" not in p.parts)


def catalog_texts():
    """What the window shows from the catalog: chapters, lesson titles, parameter help."""
    from workloads import catalog

    texts = list(catalog.CHAPTERS)
    for lesson in catalog.LESSONS:
        texts.append(lesson.title)
        texts += [p.help for p in lesson.params]
    return list(dict.fromkeys(texts))


def _tool(name):
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def update(ts=None, quiet=False):
    """Run lupdate: new strings enter the .ts as unfinished, gone ones become obsolete."""
    import tempfile

    ts = ts or FOLDER / "concurrency_lab_zh_CN.ts"
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "catalog.py"
        listing.write_text("".join(f'QT_TRANSLATE_NOOP("catalog", {json.dumps(text, ensure_ascii=False)})\n'
                                   for text in catalog_texts()), encoding="utf-8")
        out = subprocess.run([_tool("lupdate"), "-locations", "none", "-no-obsolete",
                              *map(str, sources()), str(listing), "-ts", str(ts)],
                             capture_output=True, text=True, check=True)
    if not quiet:
        print(out.stdout.strip())
    return ts


def release():
    for ts in FOLDER.glob("*.ts"):
        subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)


def untranslated(ts):
    """(context, source) of every message in `ts` without a finished translation."""
    import xml.etree.ElementTree as ET

    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
            texts = forms if message.get("numerus") == "yes" else [tr.text if tr is not None
                                                                   else ""]
            if kind == "unfinished" or not all((t or "").strip() for t in texts):
                missing.append((name, message.findtext("source")))
    return missing


def placeholders(text):
    return sorted(re.findall(r"\{[^{}]*\}", text or ""))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "release":
        release()
    else:
        sys.exit("usage: python -m gui.i18n update|release")
