"""The spine."""
