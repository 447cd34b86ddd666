#!/usr/bin/env python3
"""Tax, runnable on its own."""
RATE = 7
