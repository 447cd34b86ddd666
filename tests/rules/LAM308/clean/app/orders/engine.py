def run() -> None:
    return None
