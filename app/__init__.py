"""CapVente: the sales-activity CRM for trainees of the "Conseiller commercial" title."""

__version__ = "0.1.0"
