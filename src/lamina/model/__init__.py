"""Floor 1: the frozen data every stage exchanges. Imports nothing from lamina."""
