"""Unplaced, but outside the rule's scope."""
