# -*- coding: latin-1 -*-
"""Latin-1 text with a PEP 263 cookie."""
name = "café"
