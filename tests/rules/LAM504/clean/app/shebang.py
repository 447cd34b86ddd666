#!/usr/bin/env python3
# -*- coding: utf-8 -*-

# Layer: L6 — Driver
"""Shebang, coding line and blank lines belong to the header block."""
