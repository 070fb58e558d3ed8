# Tries to leak a hidden case's arguments through an exception message.
def probe():
    raise ValueError("the secret input is 42")
