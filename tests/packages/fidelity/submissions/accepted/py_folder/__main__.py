# A folder submission (Python): the entry point is __main__.py; helper.py
# beside it is importable.
from helper import add

a, b = map(int, input().split())
print(add(a, b))
