# Keeps a counter in /dev/shm and /tmp across cases: each case must start
# from a fresh private /tmp, /var/tmp and /dev/shm, so both cases return 0.
import os


def state():
    seen = 0
    for d in ("/dev/shm", "/tmp", "/var/tmp"):
        path = os.path.join(d, "judge-hostile-counter")
        try:
            with open(path) as f:
                seen = max(seen, int(f.read() or 0))
        except (OSError, ValueError):
            pass
        try:
            with open(path, "w") as f:
                f.write(str(seen + 1))
        except OSError:
            pass
    return seen
