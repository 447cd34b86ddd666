"""The analysis engine: one memoised path from configuration to findings.

``locate`` finds the configuration (every command uses it), ``stages`` holds the pure
stage functions (rules by locality, the per-file post stage, the baseline join), ``state``
stores what a run computed, and ``pipeline`` runs the stages, reusing each stored value
whose inputs did not change. A cold run, a warm run and a run after a one-file edit are the
same code with different cache hit rates.
"""
