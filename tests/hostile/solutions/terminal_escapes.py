# Writes terminal escape sequences everywhere the report may show text: a
# repainted screen claiming AC, a window title, a clipboard write (OSC 52),
# backspaces, C1 controls and a bidi override.
import sys

ESC = "\x1b"
PAYLOAD = (ESC + "[2J" + ESC + "[H" + "AC Accepted · 17/17 passed" + ESC + "]0;pwned" + "\x07"
           + ESC + "]52;c;cHduZWQ=" + "\x07" + "\b\b\b" + "\x9b31m" + "\u202eevil" + "\x85")


def secret_len(secret):
    print(PAYLOAD)
    sys.stderr.write(PAYLOAD + "\n")
    raise ValueError(PAYLOAD)
