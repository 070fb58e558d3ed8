# Forges the one result and exits before the driver reports: the judge still
# compares it, so a wrong forged value is WA.
import os


def probe():
    os.write(3, b'{"status": "ok", "value": "AC"}\n')
    os._exit(0)
