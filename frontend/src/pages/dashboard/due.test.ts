import { describe, expect, it } from "vitest";
import { dayBefore, dueListLink, splitDue } from "./due";

describe("splitDue", () => {
  it("puts today's contacts first, then the overdue ones from the most recent", () => {
    const items = [
      { id: 1, next_contact_on: "2026-10-01" },
      { id: 2, next_contact_on: "2026-12-05" },
      { id: 3, next_contact_on: "2026-12-03" },
      { id: 4, next_contact_on: "2026-11-20" },
      { id: 5, next_contact_on: "2026-12-05" },
      { id: 6, next_contact_on: null },
    ];
    const { today, overdue } = splitDue(items, "2026-12-05");
    expect(today.map((p) => p.id)).toEqual([2, 5]);
    expect(overdue.map((p) => p.id)).toEqual([3, 4, 1]);
  });
});

describe("dayBefore", () => {
  it("crosses months and years", () => {
    expect(dayBefore("2026-12-05")).toBe("2026-12-04");
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
    expect(dayBefore("2027-01-01")).toBe("2026-12-31");
  });
});

describe("dueListLink", () => {
  it("opens the prospect list filtered on the due contacts, not the whole file", () => {
    expect(dueListLink("2026-12-05")).toBe("/prospects?before=2026-12-05&sort=-next_contact_on");
  });
});
