"""A lesson's parameter: its type, the values it allows, and the one-line reason when a value
is refused.

The catalog (the window's form, the command line) and each lesson's own argument parser both
check values here, so a value the app accepts is a value the lesson accepts: a whole number,
a finite number in range, one of the choices, or a short list of such values.
"""
import math
import re
from dataclasses import dataclass

NUMBER_TEXT_MAX = 40            # characters in a number's text: longer is not a number we take
WHOLE = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class Param:
    name: str
    kind: type                      # int, float or str
    default: object
    help: str
    low: float = None               # inclusive range for numbers; for a list, how many items
    high: float = None
    choices: tuple = ()             # allowed values for str parameters
    each: object = None             # a comma-separated list: the Param every item must pass
    length: int = 64                # the most characters of a text (a list's: of each item)
    text_check: object = None       # str -> str: more checks of a text value (ValueError)

    def parse(self, text):
        """Command-line text -> the value to use, or ValueError with a one-line reason."""
        if not isinstance(text, str):
            return self.coerce(text)
        if self.each is not None:
            return self._parse_list(text)
        if self.kind is str:
            return self._parse_text(text)
        return self.coerce(self._parse_number(text))

    def coerce(self, value):
        """A value given as a number (the window's spin boxes) -> the checked value."""
        if isinstance(value, str):
            return self.parse(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or self.kind is str:
            raise ValueError(f"{self.name} {self._wants()}, got {_shown(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{self.name} {self._wants()}, got {_shown(value)}")
        if self.kind is int:
            if value != int(value):
                raise ValueError(f"{self.name} {self._wants()}, got {_shown(value)}")
            value = int(value)
        else:
            value = float(value)
        self.check(value)
        return value

    def check(self, value):
        """ValueError unless `value` (already of the right type) is allowed."""
        if self.each is not None:
            self._parse_list(value)
            return
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, "
                             f"got {_shown(value)}")
        if self.kind is not str and self.low is not None \
                and not (math.isfinite(value) and self.low <= value <= self.high):
            raise ValueError(f"{self.name} must be between {_num(self.low)} and "
                             f"{_num(self.high)}, got {_shown(value)}")

    # -- the kinds of text ----------------------------------------------------------------
    def _wants(self):
        what = "a whole number" if self.kind is int else "a number"
        if self.low is None:
            return f"must be {what}"
        return f"must be {what} between {_num(self.low)} and {_num(self.high)}"

    def _parse_number(self, text):
        plain = text.strip()
        if len(plain) <= NUMBER_TEXT_MAX:
            if self.kind is int and WHOLE.fullmatch(plain):
                return int(plain)
            if self.kind is float and plain.isascii():
                try:
                    value = float(plain)
                except ValueError:
                    value = None
                if value is not None and math.isfinite(value):
                    return value
        raise ValueError(f"{self.name} {self._wants()}, got {_shown(text)}")

    def _parse_text(self, text):
        plain = text.strip()
        if self.choices:
            self.check(plain)
            return plain
        if len(plain) > self.length:
            raise ValueError(f"{self.name} must be at most {self.length} characters, "
                             f"got {len(plain)}")
        if not plain.isprintable():
            raise ValueError(f"{self.name} must be printable text, got {_shown(text)}")
        return self.text_check(plain) if self.text_check else plain

    def _parse_list(self, text):
        if not isinstance(text, str):
            raise ValueError(f"{self.name} must be comma-separated values, got {_shown(text)}")
        if len(text) > self.high * (self.each.length + 1) + 64:
            raise ValueError(f"{self.name} must list {_num(self.low)} to {_num(self.high)} "
                             f"comma-separated values, got {len(text)} characters")
        parts = [part for part in text.split(",") if part.strip()]
        if not self.low <= len(parts) <= self.high:
            raise ValueError(f"{self.name} must list {_num(self.low)} to {_num(self.high)} "
                             f"comma-separated values, got {len(parts)}")
        items = []
        for part in parts:
            try:
                items.append(self.each.parse(part))
            except ValueError as exc:
                reason = str(exc).split(" ", 1)[1]         # "must be ..., got ..."
                raise ValueError(f"each of {self.name} {reason}") from None
        return ",".join(_item_text(item) for item in items)


def _item_text(value):
    """A list item as the lesson reads it back: `0.3`, `2`, `A` (a float's text keeps its
    exact value)."""
    if isinstance(value, float):
        text = f"{value:g}"
        return text if float(text) == value else repr(value)
    return str(value)


def _num(x):
    return f"{x:g}" if isinstance(x, float) else str(x)


def _shown(value, most=24):
    """A value as a short, one-line quotation for a reason."""
    if isinstance(value, float) and math.isfinite(value):
        return _num(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) < 10 ** most else "a number too large to show"
    if isinstance(value, float):
        return str(value)
    text = value if isinstance(value, str) else repr(value)
    if len(text) > most:
        text = text[:most] + "…"
    return repr(text)
