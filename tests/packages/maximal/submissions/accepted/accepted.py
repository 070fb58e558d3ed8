# Uses include/python3/include.py (its constant replaced by the judge).
import include

print(int(input()) + include.magic_constant)
