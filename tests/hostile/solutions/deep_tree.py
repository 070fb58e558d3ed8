# Builds a directory chain deeper than the judge's open-file limit, with data
# at the bottom, to leave something on the host that cleanup cannot remove.
import os


def probe():
    os.mkdir("c")
    for _ in range(1500):
        os.mkdir("t")
        os.rename("c", "t/c")
        os.rename("t", "c")
    path = "c"
    for _ in range(1500):
        path = os.path.join(path, "c")
    try:
        with open(os.path.join(os.getcwd(), "big.bin"), "wb") as f:
            f.write(b"x" * (8 << 20))
    except OSError:
        pass
    return "ok"
