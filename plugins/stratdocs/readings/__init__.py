"""Readings: each metric's dated values, kept as CSV in the repository, read with located findings, and pulled."""
