"""The parameter form in the window's language: every parameter and choice of the catalog
has a label, the labels and choices follow a language switch, and the values stay the
command line's identifiers."""
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from gui.views.param_form import CHOICES, LABELS, ParamForm
from tests.gui.test_panel_languages import Marking
from workloads import catalog


def test_every_parameter_and_choice_of_the_catalog_has_a_label():
    names = {p.name for lesson in catalog.LESSONS for p in lesson.params}
    choices = {c for lesson in catalog.LESSONS for p in lesson.params for c in p.choices or ()}
    assert names <= set(LABELS), sorted(names - set(LABELS))
    assert choices <= set(CHOICES), sorted(choices - set(CHOICES))


def test_labels_and_choices_follow_the_language_and_values_stay_identifiers(qtbot):
    form = ParamForm()
    qtbot.addWidget(form)
    form.set_lesson("threads.gil")
    variant = form._editors["variant"]
    assert isinstance(variant, QComboBox)
    assert form._labels["switch_interval_ms"].text() == "switch interval (ms)"
    assert "--set switch_interval_ms=" in form._labels["switch_interval_ms"].toolTip()
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: form._labels["workers"].text() == "«workers»")
        assert [variant.itemText(i) for i in range(variant.count())] == \
            ["«threads»", "«processes»"]
        form.set_values({"variant": "processes"})
        assert variant.currentText() == "«processes»"
        assert form.values() == catalog.resolve("threads.gil", {"variant": "processes"})
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: form._labels["workers"].text() == "workers")
    assert variant.currentText() == "processes" and form.values()["variant"] == "processes"
