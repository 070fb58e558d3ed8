"""judge's bootstrap for Python stdio programs (see docs/drivers.md).

``python3 -I -S -B stdio_boot.py SPEC.json`` restores the interpreter's
sys.path (captured at discovery, so site-packages such as numpy stay
importable while the slow `site` start-up is skipped) and runs the solution
as ``__main__``. ``--check SPEC.json`` only compiles it (syntax errors are CE).
The spec is read with the C JSON scanner: importing `json` would cost ~13 ms.
``-S`` also skips the `exit()`/`quit()` builtins that `site` defines; they are
defined here as `site` does (calling them raises SystemExit).
"""

import sys


def _load_spec(path):
    import _json

    class Ctx:
        strict = True
        object_hook = None
        object_pairs_hook = None
        parse_float = float
        parse_int = int
        parse_constant = None
        memo = None

    with open(path, "rb") as f:
        text = f.read().decode("utf-8").strip()
    return _json.make_scanner(Ctx())(text, 0)[0]


class _Quitter:
    """`exit`/`quit` as `site` defines them (-S skips site)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Use {self.name}() or Ctrl-D (i.e. EOF) to exit"

    def __call__(self, code=None):
        try:
            sys.stdin.close()
        except Exception:
            pass
        raise SystemExit(code)


def main():
    import builtins
    import os

    builtins.exit = _Quitter("exit")
    builtins.quit = _Quitter("quit")

    check = len(sys.argv) == 3 and sys.argv[1] == "--check"
    spec = _load_spec(sys.argv[-1])
    solution = spec["solution"]
    with open(solution, "rb") as f:
        source = f.read()
    name = os.path.basename(solution)
    if check:
        try:
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as e:
            where = f"{name}:{e.lineno}:{e.offset or 0}" if e.lineno else name
            print(f"{where}: {type(e).__name__}: {e.msg}")
            if e.text:
                print("    " + e.text.rstrip("\n"))
            sys.exit(1)
        except ValueError as e:
            print(f"{name}: {e}")
            sys.exit(1)
        return
    sys.path[:] = [os.path.dirname(solution)] + spec.get("sys_path", [])
    sys.argv[:] = [solution]
    code = compile(source, solution, "exec", dont_inherit=True)
    main_module = type(sys)("__main__")
    main_module.__file__ = solution
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    del source
    exec(code, main_module.__dict__)


main()
