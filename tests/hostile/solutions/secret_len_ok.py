def secret_len(secret):
    return len(secret)
