"""An exit status in words a student understands: "killed by SIGKILL", "exited with status 1".

In the window's language; on the command line (no Qt application) always English."""
import signal

from gui.i18n import translate

_STOPPED_BY = {        # who stopped the run -> the whole sentence, for the translators
    "you": lambda reason: translate("ExitReason", "stopped by you ({reason})").format(
        reason=reason),
    "the deadlock watch": lambda reason: translate(
        "ExitReason", "stopped by the deadlock watch ({reason})").format(reason=reason),
}


def describe(returncode, stopped_by=None):
    """`stopped_by` says who stopped the run ("you", "the deadlock watch"), if anyone did."""
    if returncode is None:
        return translate("ExitReason", "still running")
    if returncode == 0:
        return translate("ExitReason", "finished normally")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
            reason = translate("ExitReason", "killed by {signal}").format(signal=name)
        except ValueError:
            reason = translate("ExitReason", "killed by signal {number}").format(
                number=-returncode)
        if not stopped_by:
            return reason
        if stopped_by in _STOPPED_BY:
            return _STOPPED_BY[stopped_by](reason)
        return translate("ExitReason", "stopped by {who} ({reason})").format(
            who=stopped_by, reason=reason)
    if returncode == 70:
        return translate("ExitReason",
                         "ended itself because the window's connection closed (status 70)")
    return translate("ExitReason", "exited with status {status}").format(status=returncode)
