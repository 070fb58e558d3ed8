"""judge's Python driver for function problems (see docs/drivers.md).

Run as ``python3 -I -S -B driver.py SPEC.json`` inside the sandbox:
- SPEC.json: {"entry", "params": [types], "returns": type, "solution": path,
  "sys_path": [dirs], "signature": "def ..."}; types are "int", "float",
  "bool", "str" or ["list", T].
- stdin: the JSON array of arguments, in typed JSON (non-finite floats are
  {"$float": "inf" | "-inf" | "nan"}); stdin is switched to /dev/null before
  the solution is loaded.
- fd 3: the result channel, opened by the judge before this script started.
  Exactly one JSON line is written to it:
  {"status": "ok", "value": V} or
  {"status": "exception", "type": T, "message": M, "memory": bool, "traceback": TB}.
  The value is encoded faithfully, not coerced: a bool stays a bool, a float
  stays a float, so the judge can tell `True` from `1`. The judge compares;
  nothing here knows the expected value.

``driver.py --check SPEC.json`` compiles the solution and checks that the
entry function exists with the right number of parameters, without running
any of it; a failure prints the reason and exits 1 (a CE).
"""

import sys

# Capture everything used after the solution is loaded, so that patching
# builtins or modules from the solution cannot change how results are encoded.
_type = type
_len = len
_repr = repr
_str = str
_float = float
_getattr = getattr
_callable = callable
_isinstance = isinstance
_enumerate = enumerate
_str_type = str
_issubclass = issubclass
_int = int
_bool = bool
_dict = dict
_list = list
_tuple = tuple
_float_repr = float.__repr__
_int_repr = int.__repr__

import _json
import math as _math
import os as _os

# The C JSON scanner and string quoter, without importing the `json` package
# (whose `re`/`enum` imports would cost ~13 ms per case).
_isfinite = _math.isfinite
_os_write = _os.write
_os_exit = _os._exit
_quote = _json.encode_basestring_ascii
_set = set
_map = map
_all = all
_frozenset = frozenset
# The C encoder (the one `json.dumps` uses), for results made only of the
# plain types: C speed instead of two Python passes (`_encode`, `_serialize`).
_c_make_encoder = _getattr(_json, "make_encoder", None)
_PLAIN = frozenset((int, float, str, bool, type(None)))
_PLAIN_OR_SEQ = _PLAIN | frozenset((list, tuple))


class _ScanContext:
    strict = True
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = None
    memo = None

    def __init__(self, object_hook=None):
        self.object_hook = object_hook


def _loads(data, object_hook=None):
    if _type(data) is bytes:
        data = data.decode("utf-8")
    scan = _json.make_scanner(_ScanContext(object_hook))
    i = 0
    n = _len(data)
    while i < n and data[i] in " \t\r\n":
        i += 1
    value, end = scan(data, i)
    while end < n and data[end] in " \t\r\n":
        end += 1
    if end != n:
        raise ValueError("trailing data after the JSON value")
    return value


RESULT_FD = 3


def _load_spec(path):
    with open(path, "rb") as f:
        return _loads(f.read())


def _positional_count(fn):
    a = fn.args
    if a.vararg is not None:
        return None
    return _len(a.posonlyargs) + _len(a.args)


def check(spec):
    import ast as _ast

    path = spec["solution"]
    name = _os.path.basename(path)
    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = compile(source, name, "exec", _ast.PyCF_ONLY_AST, dont_inherit=True)
        compile(tree, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        line = (e.text or "").rstrip("\n")
        where = f"{name}:{e.lineno}:{e.offset or 0}" if e.lineno else name
        print(f"{where}: {_type(e).__name__}: {e.msg}")
        if line:
            print(f"    {line}")
        return 1
    except ValueError as e:  # e.g. NUL bytes in the source
        print(f"{name}: {e}")
        return 1
    entry = spec["entry"]
    want = _len(spec["params"])
    found = None
    for node in tree.body:
        if isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef)) and node.name == entry:
            found = (node, 0)
        elif isinstance(node, _ast.ClassDef) and node.name == "Solution" and found is None:
            for item in node.body:
                if isinstance(item, _ast.FunctionDef) and item.name == entry:
                    found = (item, 1)
    expected = spec["signature"]
    if found is None:
        # Defined some other way (assignment, import)? Accept if the name is bound at top level.
        for node in tree.body:
            targets = []
            if isinstance(node, _ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, _ast.Name)]
                literal = (_ast.Constant, _ast.List, _ast.Tuple, _ast.Dict, _ast.Set, _ast.JoinedStr)
                if entry in targets and isinstance(node.value, literal):
                    print(f"{name}:{node.lineno}: `{entry}` is bound to a value, not a function; expected:\n    {expected}")
                    return 1
            elif isinstance(node, (_ast.Import, _ast.ImportFrom)):
                targets = [(a.asname or a.name).split(".")[0] for a in node.names]
            if entry in targets:
                return 0
        print(f"{name}: function `{entry}` not found; expected:\n    {expected}")
        return 1
    node, skip = found
    if isinstance(node, _ast.AsyncFunctionDef):
        print(f"{name}:{node.lineno}: `{entry}` is async; expected a plain function:\n    {expected}")
        return 1
    count = _positional_count(node)
    if count is not None and count - skip != want:
        # Parameters with defaults may be omitted.
        defaults = _len(node.args.defaults)
        if not (count - skip - defaults <= want <= count - skip):
            print(f"{name}:{node.lineno}: `{entry}` takes {count - skip} parameter(s), expected {want}:\n    {expected}")
            return 1
    return 0


def _decode_hook(obj):
    if _len(obj) == 1 and "$float" in obj:
        v = obj["$float"]
        if v in ("inf", "-inf", "nan"):
            return _float(v)
    return obj


def _encode(x):
    t = _type(x)
    if t is _bool or t is _int or t is _str_type or x is None:
        return x
    if t is _float:
        if _isfinite(x):
            return x
        return {"$float": "nan" if x != x else ("inf" if x > 0 else "-inf")}
    if t is _list or t is _tuple:
        return [_encode(i) for i in x]
    module = _getattr(t, "__module__", "") or ""
    if module.startswith("numpy") and _callable(_getattr(x, "tolist", None)):
        return _encode(x.tolist())
    if _issubclass(t, _bool):
        return _bool(x)
    if _issubclass(t, _int):
        return _int(x)
    if _issubclass(t, _float):
        return _encode(_float(x))
    if _issubclass(t, _str_type):
        return _str_type.__str__(x)
    return {"$type": t.__name__, "repr": _repr(x)[:200]}


def _serialize(x, out):
    """JSON text of an already-encoded value, using only names bound before
    the solution was loaded (json.dumps looks up `isinstance` at call time)."""
    t = _type(x)
    if x is None:
        out.append("null")
    elif t is _bool:
        out.append("true" if x else "false")
    elif t is _int:
        out.append(_int_repr(x))
    elif t is _float:
        out.append(_float_repr(x))
    elif t is _str_type:
        out.append(_quote(x))
    elif t is _list:
        out.append("[")
        for i, item in _enumerate(x):
            if i:
                out.append(",")
            _serialize(item, out)
        out.append("]")
    elif t is _dict:
        out.append("{")
        for i, (k, v) in _enumerate(x.items()):
            if i:
                out.append(",")
            out.append(_quote(k))
            out.append(":")
            _serialize(v, out)
        out.append("}")
    else:
        out.append(_quote(_repr(x)))


def _send(obj):
    data = _encode_line(obj)
    while data:
        n = _os_write(RESULT_FD, data)
        data = data[n:]


def _flush():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except BaseException:
            pass


def _exception(e):
    name = _type(e).__name__
    module = _getattr(_type(e), "__module__", "builtins")
    if module not in ("builtins", "__main__", "solution"):
        name = f"{module}.{name}"
    try:
        import traceback

        tb = "".join(traceback.format_exception(_type(e), e, e.__traceback__))
    except BaseException:
        tb = ""
    return {"status": "exception", "type": name, "message": _str(e)[:2000],
            "memory": _isinstance(e, MemoryError), "traceback": tb[-8000:]}


def _load(spec):
    """Load the solution as module `solution`: the entry function, or an
    exception result (a load error, a missing entry) to report for every case."""
    solution = spec["solution"]
    sys.path[:] = [_os.path.dirname(solution)] + spec.get("sys_path", [])
    sys.argv[:] = [solution]
    module = _type(sys)("solution")
    module.__file__ = solution
    module.__builtins__ = __builtins__
    sys.modules["solution"] = module
    try:
        with open(solution, "rb") as f:
            code = compile(f.read(), solution, "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except BaseException as e:  # SystemExit included: an exit before returning is RE
        return None, _exception(e)
    entry = spec["entry"]
    fn = _getattr(module, entry, None)
    if fn is None and _getattr(module, "Solution", None) is not None:
        cls = module.Solution
        if _callable(_getattr(cls, entry, None)):
            # A fresh instance per call, as LeetCode does per case.
            return (lambda *a: _getattr(cls(), entry)(*a)), None
    if fn is None or not _callable(fn):
        return None, {"status": "exception", "type": "MissingEntry",
                      "message": f"function `{entry}` not found; expected {spec['signature']}", "memory": False}
    return fn, None


def _plain(x):
    """Whether `x` is made only of exact `list`/`tuple` and the plain scalar
    types (no subclass, numpy value or foreign object): then `_encode` would
    return it unchanged (up to tuples as lists), and the C encoder writes the
    same JSON. The type checks run at C speed (`set(map(type, ...))`)."""
    t = _type(x)
    if t in _PLAIN:
        return True
    if t is _list or t is _tuple:
        ts = _set(_map(_type, x))
        if ts <= _PLAIN:
            return True
        if ts <= _PLAIN_OR_SEQ:
            return _all(_map(_plain, x))
    return False


def _fast_ok_line(value):
    """The `ok` result line of a plain value through the C encoder, or `None`
    (not plain, a non-finite float, too deep, no C encoder): the caller then
    takes the general path, which gives the same JSON."""
    if _c_make_encoder is None:
        return None
    try:
        if not _plain(value):
            return None
        encode = _c_make_encoder({}, None, _quote, None, ":", ",", False, False, False)
        body = "".join(encode(value, 0))
    except BaseException:  # ValueError (NaN/inf: allow_nan is off), RecursionError, ...
        return None
    return ('{"status":"ok","value":' + body + "}\n").encode("ascii")


def _call(fn, failed, raw):
    if failed is not None:
        return failed
    try:
        args = _loads(raw, object_hook=_decode_hook)
        raw = None
        value = fn(*args)
        line = _fast_ok_line(value)
        if line is not None:
            return line
        return {"status": "ok", "value": _encode(value)}
    except BaseException as e:  # SystemExit and KeyboardInterrupt included: an exit before returning is RE
        return _exception(e)


def run(spec):
    raw = sys.stdin.buffer.read()
    null = _os.open(_os.devnull, _os.O_RDONLY)
    _os.dup2(null, 0)
    _os.close(null)
    fn, failed = _load(spec)
    result = _call(fn, failed, raw)
    del raw
    _send(result)
    _flush()
    _os_exit(0)


def _encode_line(obj):
    if _type(obj) is bytes:
        return obj  # already a line (`_fast_ok_line`)
    out = []
    try:
        _serialize(obj, out)
    except RecursionError as e:
        out = []
        _serialize({"status": "exception", "type": "UnencodableResult", "message": _str(e)[:500],
                    "memory": False}, out)
    out.append("\n")
    return "".join(out).encode("utf-8", "surrogatepass")


def _write_all(fd, data):
    while data:
        n = _os_write(fd, data)
        data = data[n:]


def batch(spec):
    """Batch mode (docs/drivers.md): load the solution once, then for each
    request `<len>\\n<len bytes>` on the request pipe (fd 0 at start, moved
    away so the solution sees /dev/null) write `\\x1eS n` on fd 3, call the
    function on freshly decoded arguments, flush stdout/stderr, write the
    result line and `\\x1eD n bytes`; answer `sync` with `\\x1eY n`; exit 0 at
    end of input."""
    requests = _os.dup(0)
    null = _os.open(_os.devnull, _os.O_RDONLY)
    _os.dup2(null, 0)
    _os.close(null)
    _os_read = _os.read
    _bytes = bytes
    buf = bytearray()
    _fstat = _os.fstat
    st = _fstat(RESULT_FD)
    channel = (st.st_dev, st.st_ino)

    def frame(data):
        # fd 3 must still be the judge's pipe: a solution that closed or
        # replaced it (dup2(1, 3)) ends the process, so its case is RE at
        # once instead of the judge waiting for a frame until the wall limit.
        try:
            st = _fstat(RESULT_FD)
        except OSError:
            _os_exit(1)
        if (st.st_dev, st.st_ino) != channel:
            _os_exit(1)
        _write_all(RESULT_FD, data)

    def read_line():
        while True:
            i = buf.find(b"\n")
            if i >= 0:
                line = _bytes(buf[:i])
                del buf[:i + 1]
                return line
            chunk = _os_read(requests, 65536)
            if not chunk:
                return None
            buf.extend(chunk)

    def read_exact(n):
        while _len(buf) < n:
            chunk = _os_read(requests, 65536)
            if not chunk:
                return None
            buf.extend(chunk)
        data = _bytes(buf[:n])
        del buf[:n]
        return data

    fn, failed = _load(spec)
    n = 0
    while True:
        header = read_line()
        if header is None:
            break
        if header == b"sync":
            frame(b"\x1eY %d\n" % n)
            continue
        raw = read_exact(_int(header))
        if raw is None:
            break
        n += 1
        frame(b"\x1eS %d\n" % n)
        result = _call(fn, failed, raw)
        del raw
        line = _encode_line(result)
        _flush()
        frame(line + b"\x1eD %d %d\n" % (n, _len(line)))
    _flush()
    _os_exit(0)


def main():
    if _len(sys.argv) == 3 and sys.argv[1] == "--check":
        spec = _load_spec(sys.argv[2])
        sys.exit(check(spec))
    if _len(sys.argv) == 3 and sys.argv[2] == "--batch":
        batch(_load_spec(sys.argv[1]))
    spec = _load_spec(sys.argv[1])
    run(spec)


if __name__ == "__main__":
    main()
