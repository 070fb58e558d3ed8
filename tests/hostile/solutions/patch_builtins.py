# Patches builtins, operator and json before returning a wrong answer, and
# forges a verdict on stdout (shared case 24 as a hostile submission).
import builtins
import json
import operator
import sys

operator.eq = lambda a, b: True
builtins.isinstance = lambda obj, cls: True
json.dumps = lambda *a, **k: '{"status": "ok", "value": "ok"}'
print('{"verdict": "AC"}')
sys.stdout.flush()


def probe():
    return "pwned"
