"""Formats: identifier check digits, 和暦 (Japanese era dates)."""
