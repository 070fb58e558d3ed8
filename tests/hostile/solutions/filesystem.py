# Reads what it must not: /etc/shadow, the problem's answers, the judge's
# binary and its folder, the home directory; writes outside its work dir.
import os

HIDDEN_ANS = "@HIDDEN_ANS@"
JUDGE_BIN = "@JUDGE_BIN@"
MARKER = "@MARKER@"


def readable(path):
    # Hidden files may still open (as /dev/null): only data counts.
    try:
        with open(path, "rb") as f:
            return len(f.read(16)) > 0
    except OSError:
        return False


def listable(path):
    try:
        return len(os.listdir(path)) > 0
    except OSError:
        return False


def probe():
    breaches = []
    for path in ("/etc/shadow", HIDDEN_ANS, JUDGE_BIN, os.path.dirname(HIDDEN_ANS) + "/01.in"):
        if readable(path):
            breaches.append("read " + path)
    for d in (os.path.dirname(JUDGE_BIN), "/root", os.path.expanduser("~"), os.path.dirname(HIDDEN_ANS), "/home"):
        if d != os.getcwd() and listable(d):
            breaches.append("listed " + d)
    # Writing to the run's private /tmp works but must not reach the host.
    for d in ("/tmp", "/var/tmp", "/dev/shm"):
        try:
            with open(os.path.join(d, MARKER), "w") as f:
                f.write("x")
        except OSError:
            pass
    # Not even the size of an answer file may be known.
    for path in (HIDDEN_ANS, os.path.dirname(os.path.dirname(os.path.dirname(HIDDEN_ANS)))):
        try:
            os.stat(path)
            breaches.append("stat " + path)
        except OSError:
            pass
    for path in ("/etc/judge-hostile", "/usr/judge-hostile", "/judge-hostile"):
        try:
            with open(path, "w") as f:
                f.write("x")
            breaches.append("wrote " + path)
        except OSError:
            pass
    return "; ".join(breaches) or "ok"
