"""Presentations of the company and its offers (CP5.1–CP5.3, design note 020)."""
