"""Billing models: matched by layer models and by layer billing with equal specificity."""  # expect: LAM105
