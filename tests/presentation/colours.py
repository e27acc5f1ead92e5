"""Colour arithmetic for the tests: contrast as WCAG defines it, distance as CIELAB ΔE76, and
what a colour looks like to someone with protanopia or deuteranopia (Machado et al. 2009,
severity 1, applied in linear RGB)."""
import numpy as np

PROTANOPIA = np.array([[0.152286, 1.052583, -0.204868],
                       [0.114503, 0.786281, 0.099216],
                       [-0.003882, -0.048116, 1.051998]])
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
VISION = {"normal": np.eye(3), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}


def rgb(color):
    """(r, g, b) 0..255 of a QColor."""
    return np.array([color.red(), color.green(), color.blue()], float)


def _linear(c):
    c = np.asarray(c, float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _srgb(linear):
    linear = np.clip(linear, 0, 1)
    return 255 * np.where(linear <= 0.0031308, linear * 12.92,
                          1.055 * linear ** (1 / 2.4) - 0.055)


def seen_as(colour, vision):
    """The sRGB colour a person with `vision` perceives for sRGB `colour`."""
    return _srgb(_linear(colour) @ VISION[vision].T)


def lab(colour):
    xyz = _linear(colour) @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                                      [0.0193, 0.1192, 0.9505]]).T
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(a, b, vision="normal"):
    """ΔE76 between two sRGB colours as a person with `vision` sees them."""
    return float(np.linalg.norm(lab(seen_as(a, vision)) - lab(seen_as(b, vision))))


def contrast(a, b):
    """WCAG contrast ratio (1..21) of two sRGB colours; 4.5 is the bar for body text."""
    def luminance(c):
        return float(_linear(c) @ np.array([0.2126, 0.7152, 0.0722]))
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
