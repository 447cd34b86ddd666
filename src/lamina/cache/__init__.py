"""Floor 2: the on-disk caches (facts by content hash, results by run key), data-only."""
