# Tries to carry a hidden input out through the memory-limit cause: a
# MemoryError subclass named after the input.
def secret_len(secret):
    raise type("Leak_" + secret, (MemoryError,), {})(secret)
