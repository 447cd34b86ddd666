"""Package init: excluded from the rule's scope, so it needs no header."""
