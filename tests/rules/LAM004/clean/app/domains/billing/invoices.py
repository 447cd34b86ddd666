"""Makes `billing` a domain (a directory under app/domains holding Python code)."""
