"""Double bookings: two items of one owner that take the same time.

Only items that book their owner's time (``AgendaItem.books``) can conflict: appointments
(planned or held), tour days (all day: two tours the same day) and, once the plans register
them, timed planned actions. Tasks and next-contact dates are reminders, not bookings.
Timed bookings conflict with timed ones when their intervals intersect (one ending at 10:00
and one starting at 10:00 do not); all-day bookings with all-day ones when they share a
day. A timed booking inside a tour day is not a conflict: the tour visits its appointments.

Sweep line: per owner and class (timed, all day), the bookings sorted by start; a heap keeps
those still running. Each item meets only the items it overlaps: O(n log n + k) for k
overlapping pairs, never the n² comparisons of every pair.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from app.agenda.registry import MAX_CONFLICT_REFS, AgendaItem


def _note(item: AgendaItem, other: AgendaItem) -> None:
    item.conflict = True
    if len(item.conflicts) < MAX_CONFLICT_REFS:
        item.conflicts = (*item.conflicts, other.ref)


def flag_double_bookings(items: Iterable[AgendaItem], *, ordered: bool = False) -> int:
    """Flag every booking that intersects another of its owner's; the number flagged.
    ``ordered``: the items come sorted by (start, end, ref) already (the agenda sorts them
    first), so that each owner's bookings need no sorting again."""
    groups: dict[tuple[int, bool], list[AgendaItem]] = defaultdict(list)
    for item in items:
        if item.books and item.end > item.start:
            groups[(item.owner_id, item.all_day)].append(item)
    flagged = 0
    for bookings in groups.values():
        if not ordered:
            bookings.sort(key=lambda i: (i.start, i.end, i.ref))
        running: list[tuple[datetime, int, AgendaItem]] = []  # (end, order, item) heap
        for order, item in enumerate(bookings):
            while running and running[0][0] <= item.start:
                heapq.heappop(running)
            for _end, _order, other in running:
                flagged += not other.conflict
                flagged += not item.conflict
                _note(other, item)
                _note(item, other)
            heapq.heappush(running, (item.end, order, item))
    return flagged
