"""An exit status in words a student understands: "killed by SIGKILL", "exited with status 1"."""
import signal


def describe(returncode, stopped_by=None):
    """`stopped_by` says who stopped the run ("you", "the deadlock watch"), if anyone did."""
    if returncode is None:
        return "still running"
    if returncode == 0:
        return "finished normally"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        reason = f"killed by {name}"
        return f"stopped by {stopped_by} ({reason})" if stopped_by else reason
    if returncode == 70:
        return "ended itself because the window's connection closed (status 70)"
    return f"exited with status {returncode}"
