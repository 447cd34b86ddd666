#!/usr/bin/env python3
# Layer: L5
"""Tax, runnable on its own."""
RATE = 7
