# Known wrong: text replacement matches across token boundaries; [] -> [''].
def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    text = " ".join(tokens)
    return text.replace(left + " " + right, left + right).split(" ")
