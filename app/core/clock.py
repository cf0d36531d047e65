"""Re-export of app.common.clock.

Shim until the 14 merge switches watch/tours/seed imports: new code imports app.common.clock.
"""

from app.common.clock import utcnow

__all__ = ["utcnow"]
