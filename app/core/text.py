"""Re-export of app.common.text.

Shim until the 14 merge switches watch/tours/seed imports: new code imports app.common.text.
"""

from app.common.text import control_character, fold, search_terms

__all__ = ["control_character", "fold", "search_terms"]
