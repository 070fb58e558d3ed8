def probe():
    return "ok"
