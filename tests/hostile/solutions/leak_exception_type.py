# Tries to carry a hidden input out through the *type name* of an exception
# it defines (only the message used to be masked).
def secret_len(secret):
    raise type("Leak_" + secret, (Exception,), {})("message " + secret)
