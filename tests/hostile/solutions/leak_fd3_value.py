# Reports a value of the wrong type that spells the hidden input, and
# unknown fields; every variant must come back as a fixed text.
import os


def secret_len(secret):
    if secret.endswith("1"):
        os.write(3, ('{"status": "ok", "value": "%s"}\n' % secret).encode())
    else:
        os.write(3, ('{"status": "%s", "value": 1}\n' % secret).encode())
    os._exit(0)
