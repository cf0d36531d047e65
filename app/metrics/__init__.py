"""The metric registry: each metric defined once, computed per owner and period
(app/metrics/README.md)."""
