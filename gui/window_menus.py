"""The main window's menus, window-wide shortcuts and language switching (a part of
`MainWindow`): File, View, Run and Help, with features adding their own entries through
`add_action`, and every text following the language without a restart."""
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from gui import check_dialog, i18n, settings
from gui.i18n import QT_TRANSLATE_NOOP, translate


class WindowMenus:
    """Mixed into MainWindow; expects `self.lessons`, `self.status`, `self.run_lesson`,
    `self.stop_lesson`, `self.run_or_stop` and a `language_changed` signal."""

    def _actions(self):
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.run_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._menu_texts = [(self.file_menu, QT_TRANSLATE_NOOP("Menus", "&File")),
                            (self.view_menu, QT_TRANSLATE_NOOP("Menus", "&View")),
                            (self.run_menu, QT_TRANSLATE_NOOP("Menus", "&Run")),
                            (self.help_menu, QT_TRANSLATE_NOOP("Menus", "&Help"))]
        self.quit_action = self.add_action(self.file_menu, QT_TRANSLATE_NOOP("Actions", "Quit"),
                                           QKeySequence.Quit, self.close)
        self.run_action = self.add_action(self.run_menu, QT_TRANSLATE_NOOP("Actions", "Run lesson"),
                                          "F5", self.run_lesson)
        self.stop_action = self.add_action(self.run_menu, QT_TRANSLATE_NOOP("Actions", "Stop"),
                                           "Shift+F5", self.stop_lesson)
        self.run_stop_action = self.add_action(
            self.run_menu, QT_TRANSLATE_NOOP("Actions", "Run or stop"), "Space", self.run_or_stop)
        self.run_menu.addSeparator()
        self.next_action = self.add_action(
            self.run_menu, QT_TRANSLATE_NOOP("Actions", "Next lesson"), "Ctrl+PgDown",
            lambda: self.lessons.step(1))
        self.previous_action = self.add_action(
            self.run_menu, QT_TRANSLATE_NOOP("Actions", "Previous lesson"), "Ctrl+PgUp",
            lambda: self.lessons.step(-1))
        self.check_action = self.add_action(
            self.help_menu, QT_TRANSLATE_NOOP("Actions", "Check this computer…"), None,
            lambda: check_dialog.show_check(self))
        self.language_menu = self.view_menu.addMenu("")
        self._menu_texts.append((self.language_menu, QT_TRANSLATE_NOOP("Menus", "Language")))
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)      # each in its own language
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def add_action(self, menu, text, shortcut, slot):
        """A menu entry with a shortcut that works anywhere in the window; `text` is marked
        with QT_TRANSLATE_NOOP("Actions", ...) and follows the language."""
        action = QAction(translate("Actions", text), self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)
        self._action_texts.append((action, text))
        return action

    def set_language(self, language, remember=True):
        """Switch every text of the window, now; remembered for the next launch."""
        language = i18n.set_language(language)
        self.language_actions[language].setChecked(True)
        if remember:
            settings.set_value("language", language)
        if language != i18n.SOURCE_LANGUAGE:
            missing = i18n.missing_font_message()
            if missing:
                self.say(missing)
        self.language_changed.emit(language)
        return language

    def retranslate_menus(self):
        for menu, text in self._menu_texts:
            menu.setTitle(translate("Menus", text))
        for action, text in self._action_texts:
            action.setText(translate("Actions", text))
