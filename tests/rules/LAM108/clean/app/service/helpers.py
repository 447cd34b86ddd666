def clamp(value: int) -> int:
    return max(0, value)
