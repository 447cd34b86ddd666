"""NUL and 0xff written as escape sequences are plain ASCII source."""
NUL = "\x00"
FF = b"\xff"
