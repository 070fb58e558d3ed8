# Proves the process cap before any fork bomb runs: tries 100 children under
# a cap of 8 processes and reports how many it got.
import os
import time


def fork_count():
    kids = []
    for _ in range(100):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        kids.append(pid)
    return "capped" if len(kids) < 8 else f"forked {len(kids)} children"
