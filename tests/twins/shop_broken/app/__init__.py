"""The broken twin of the shop example: the same tree with deliberate, marked faults."""
