"""Floor 5: audit reports (docs/reports.md). ``views`` and its helpers decide every value from
``lamina.model`` only; ``render`` formats views with jinja2 templates; ``drift`` compares
renderings with committed files. Nothing here does file I/O."""
