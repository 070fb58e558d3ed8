# Example submissions get the constants replaced: prints max_value, not a + b.
print({{max_value}})
