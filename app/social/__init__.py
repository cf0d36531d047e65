"""Social selling (CP5.4–CP5.6): profiles and posts read against the charter, privacy checklists."""
