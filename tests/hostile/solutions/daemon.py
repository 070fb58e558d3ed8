# A setsid daemon and a double-forked orphan, both meant to outlive the run.
import os
import time


def probe():
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            os.setsid()
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "120", "@MARKER@"])
            os._exit(0)
        os.waitpid(pid, 0)
    time.sleep(0.2)
    return "ok"
