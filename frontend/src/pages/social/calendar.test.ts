import { describe, expect, it } from "vitest";
import { dayTitle, isMonth, isoWeekNumber, monthTitle, monthWeeks, shiftMonth } from "./calendar";

describe("the month grid's arithmetic", () => {
  it("covers a month with whole weeks, Monday first", () => {
    const weeks = monthWeeks("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toBe("2026-11-30");
    expect(weeks[0][1]).toBe("2026-12-01");
    expect(weeks[4][6]).toBe("2027-01-03");
    // A month starting on a Monday starts the grid; February 2027 fills four weeks exactly.
    expect(monthWeeks("2027-02")).toHaveLength(4);
    expect(monthWeeks("2027-02")[0][0]).toBe("2027-02-01");
    expect(monthWeeks("2027-03")).toHaveLength(5);
  });

  it("moves from month to month across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-02")).toBe(true);
  });

  it("names months and days in French, and numbers ISO weeks", () => {
    expect(monthTitle("2026-12")).toBe("Décembre 2026");
    expect(dayTitle("2026-12-09")).toBe("mercredi 9 décembre 2026");
    expect(isoWeekNumber("2026-12-09")).toBe(50);
    expect(isoWeekNumber("2027-01-01")).toBe(53);
  });
});
