import {
  addDays,
  conflictNames,
  dayColumns,
  dayIn,
  dayLabel,
  isIsoDay,
  itemHref,
  itemState,
  itemWhen,
  mondayOf,
  weekDays,
  weekLabel,
  type AgendaItem,
} from "./week";

const TZ = "Europe/Paris";

function item(over: Partial<AgendaItem>): AgendaItem {
  return {
    ref: "appointment:1",
    kind: "appointment",
    title: "RDV Boulangerie Martin",
    owner_id: 3,
    start: "2026-12-01T09:30:00Z",
    end: "2026-12-01T10:30:00Z",
    all_day: false,
    books: true,
    conflict: false,
    conflicts: [],
    details: {},
    ...over,
  } as AgendaItem;
}

describe("the week's days", () => {
  it("finds the Monday of any day, across months and years", () => {
    expect(mondayOf("2026-12-02")).toBe("2026-11-30");
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2027-01-03")).toBe("2026-12-28"); // a Sunday
    expect(weekDays("2026-12-28")).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
    ]);
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // daylight saving time changes nothing
  });

  it("accepts real days only from the address", () => {
    expect(isIsoDay("2026-11-30")).toBe(true);
    expect(isIsoDay("2026-02-30")).toBe(false);
    expect(isIsoDay("30/11/2026")).toBe(false);
    expect(isIsoDay(null)).toBe(false);
  });

  it("names days and weeks in French", () => {
    expect(dayLabel("2026-11-30")).toBe("lundi 30 novembre");
    expect(weekLabel("2026-11-30")).toBe("du lundi 30 novembre au dimanche 6 décembre 2026");
  });
});

describe("the items of each day", () => {
  it("puts timed items on their local day and all-day items on every day they cover", () => {
    const late = item({ ref: "appointment:2", start: "2026-11-30T23:30:00Z", end: "2026-12-01T00:30:00Z" });
    const action = item({
      ref: "plan_action:4",
      kind: "plan_action",
      all_day: true,
      day: "2026-12-03",
      last_day: "2026-12-08",
      start: "2026-12-02T23:00:00Z",
      end: "2026-12-08T23:00:00Z",
    });
    const columns = dayColumns([late, item({}), action], weekDays("2026-11-30"), TZ);
    // 23:30 UTC is 00:30 in Paris the next day.
    expect(dayIn(late.start, TZ)).toBe("2026-12-01");
    expect(columns[1].timed.map((i) => i.ref)).toEqual(["appointment:2", "appointment:1"]);
    expect(columns.map((c) => c.allDay.length)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(itemWhen(late, TZ)).toBe("00:30 – 01:30");
    expect(itemWhen(action, TZ)).toBe("Du 3 déc. au 8 déc.");
    expect(itemWhen(item({ kind: "task", end: "2026-12-01T09:30:00Z" }), TZ)).toBe("10:30");
    expect(itemWhen(item({ all_day: true, day: "2026-12-01", last_day: "2026-12-01" }), TZ)).toBe("Toute la journée");
  });

  it("links an appointment to its prospect, a task without a link to the task list", () => {
    expect(
      itemHref(
        item({ details: { prospect_id: 12 }, link: { kind: "appointment", id: 1, href: "/agenda?rendez-vous=1" } }),
      ),
    ).toBe("/prospects/12");
    expect(itemHref(item({ kind: "tour_day", link: { kind: "tour", id: 19, href: "/tournees/19" } }))).toBe(
      "/tournees/19",
    );
    expect(itemHref(item({ kind: "task", ref: "task:8", link: null }))).toBe("/agenda/taches?tache=8");
    expect(itemState(item({ kind: "task", details: { done: true } }))).toBe("faite");
    expect(itemState(item({ details: { status: "cancelled" } }))).toBe("annulé");
  });

  it("names the items of a double booking, and counts those outside the week", () => {
    const a = item({ ref: "appointment:1", conflict: true, conflicts: ["appointment:2", "appointment:9"] });
    const b = item({ ref: "appointment:2", title: "RDV Garage du Centre" });
    expect(conflictNames(a, new Map([[b.ref, b]]))).toEqual([
      "RDV Garage du Centre",
      "un élément hors de cette semaine",
    ]);
  });
});

describe("a day's all-day items", () => {
  it("put the bookings first, then the tasks, then the reminders", () => {
    const day = { all_day: true, day: "2026-12-01", last_day: "2026-12-01" };
    const columns = dayColumns(
      [
        item({ ...day, ref: "next_contact:1", kind: "next_contact" }),
        item({ ...day, ref: "task:2", kind: "task" }),
        item({ ...day, ref: "tour_day:3:0", kind: "tour_day" }),
        item({ ...day, ref: "next_contact:4", kind: "next_contact" }),
      ],
      weekDays("2026-11-30"),
      TZ,
    );
    expect(columns[1].allDay.map((i) => i.ref)).toEqual(["tour_day:3:0", "task:2", "next_contact:1", "next_contact:4"]);
  });
});
