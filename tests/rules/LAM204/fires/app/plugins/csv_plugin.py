"""CSV plugin."""

NAME = "csv"
