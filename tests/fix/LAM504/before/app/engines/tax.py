#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Tax, runnable on its own."""
RATE = 7
