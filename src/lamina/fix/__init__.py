"""``lamina fix``: edits that make findings go away (libcst codemods), planned and applied."""
