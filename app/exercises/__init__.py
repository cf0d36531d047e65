"""Training exercises on a simulated market (README.md)."""
