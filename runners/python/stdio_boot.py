"""judge's bootstrap for Python stdio programs (see docs/drivers.md).

``python3 -I -S -B stdio_boot.py SPEC.json`` restores the interpreter's
sys.path (captured at discovery, so site-packages such as numpy stay
importable while the slow `site` start-up is skipped) and runs the solution
as ``__main__``. ``--check SPEC.json`` only compiles it (syntax errors are CE).
"""

import sys


def main():
    import json
    import os
    check = len(sys.argv) == 3 and sys.argv[1] == "--check"
    with open(sys.argv[-1], "rb") as f:
        spec = json.loads(f.read())
    solution = spec["solution"]
    if check:
        with open(solution, "rb") as f:
            source = f.read()
        name = os.path.basename(solution)
        try:
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as e:
            print(f"{name}:{e.lineno}:{e.offset or 0}: {type(e).__name__}: {e.msg}")
            if e.text:
                print("    " + e.text.rstrip("\n"))
            sys.exit(1)
        except ValueError as e:
            print(f"{name}: {e}")
            sys.exit(1)
        return
    sys.path[:] = [os.path.dirname(solution)] + spec.get("sys_path", [])
    sys.argv[:] = [solution]
    import runpy
    runpy.run_path(solution, run_name="__main__")


if __name__ == "__main__":
    main()
