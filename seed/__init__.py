"""The demo world: deterministic generators and data files (``capvente seed``)."""
