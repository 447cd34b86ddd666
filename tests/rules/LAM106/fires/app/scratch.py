# expect: LAM106
"""Another unplaced module; the finding is on line 1 whatever is written there."""
