# Returns at once, but leaves a grandchild that holds stdout and stderr open
# for two minutes (shared case 17 as a hostile submission).
import subprocess
import sys


def probe():
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "@MARKER@"])
    return "ok"
