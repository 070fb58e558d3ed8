# Writes a forged result on the driver's channel (fd 3), then returns normally:
# two results on the channel is RE, never AC.
import os


def probe():
    os.write(3, b'{"status": "ok", "value": "ok"}\n')
    return "forged"
