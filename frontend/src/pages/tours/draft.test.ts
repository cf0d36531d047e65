import type { TourPlanOut } from "../../api/types";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LUNCH_MINUTES,
  DEFAULT_VISIT_MINUTES,
  appointmentVisit,
  draftFromPlan,
  emptyDraft,
  moveVisit,
  nextWorkingDay,
  prospectVisit,
  sortErrors,
  toRequest,
} from "./draft";

describe("default durations", () => {
  it("are the API's: the lunch's schema default, the visit's as its schema says it", () => {
    type Property = { default?: unknown; description?: string };
    const schemas = JSON.parse(readFileSync(new URL("../../api/openapi.json", import.meta.url), "utf8")).components
      .schemas as Record<string, { properties: Record<string, Property> }>;
    expect(schemas.LunchIn.properties.duration_minutes.default).toBe(DEFAULT_LUNCH_MINUTES);
    expect(schemas.VisitIn.properties.duration_minutes.description).toContain(`sinon ${DEFAULT_VISIT_MINUTES} min`);
    expect(emptyDraft().lunchDuration).toBe(String(DEFAULT_LUNCH_MINUTES));
  });
});

describe("nextWorkingDay", () => {
  it("skips the weekend", () => {
    expect(nextWorkingDay(new Date(2026, 10, 27, 20))).toBe("2026-11-30"); // Friday → Monday
    expect(nextWorkingDay(new Date(2026, 10, 24, 9))).toBe("2026-11-25");
    expect(nextWorkingDay(new Date(), "2026-12-04")).toBe("2026-12-07");
  });
});

describe("toRequest", () => {
  it("sends the visits in the trainee's order with their hours, lunch and limits", () => {
    const draft = emptyDraft(new Date(2026, 10, 27));
    draft.visits = [
      prospectVisit({ id: 12, name: "A" }),
      { ...appointmentVisit({ id: 7, prospectId: 3, label: "B", detail: "" }), duration: "90" },
    ];
    draft.maxDriving = "240";
    draft.name = "  ";
    expect(toRequest(draft)).toEqual({
      name: null,
      mode: "car",
      days: [{ date: "2026-11-30", start_time: "08:30:00", end_time: "18:00:00" }],
      visits: [
        { priority: 3, prospect_id: 12 },
        { priority: 5, appointment_id: 7, duration_minutes: 90 },
      ],
      lunch: { start: "12:00:00", end: "14:00:00", duration_minutes: 45 },
      max_driving_minutes: 240,
    });
    draft.lunch = false;
    draft.maxDriving = "";
    expect(toRequest(draft)).toMatchObject({ lunch: null, max_driving_minutes: null });
  });
});

describe("moveVisit", () => {
  it("moves an item and ignores moves past the ends", () => {
    expect(moveVisit(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveVisit(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});

describe("sortErrors", () => {
  it("sorts the server's field names back onto days, visits and the rest", () => {
    expect(
      sortErrors({
        "days[0].end_time": "Fin avant début.",
        "days[1]": "Jour en double.",
        "visits[2].windows[0].end": "Créneau inversé.",
        "visits[0].prospect_id": "Prospect inconnu.",
        "lunch.end": "Pause inversée.",
        visits: "Liste trop courte.",
      }),
    ).toEqual({
      days: { 0: { end_time: "Fin avant début." }, 1: { date: "Jour en double." } },
      visits: { 2: "Créneau inversé.", 0: "Prospect inconnu." },
      other: { "lunch.end": "Pause inversée.", visits: "Liste trop courte." },
    });
  });
});

const at = (time: string) => `2026-12-01T${time}:00+01:00`;
const place = { label: "Base", latitude: 45.3, longitude: 5.4, prospect_id: null };
const totals = { km: 1, driving_minutes: 1, visiting_minutes: 1, co2_kg: 1, co2_usage_kg: 1 };
const stop = (kind: string, label: string, extra: object, start: string, end: string) => ({
  kind,
  label,
  arrival: at(start),
  start: at(start),
  departure: at(end),
  leg_km: 1,
  leg_minutes: 1,
  latitude: 45,
  longitude: 5,
  prospect_id: null,
  appointment_id: null,
  visit_index: null,
  ...extra,
});

describe("draftFromPlan", () => {
  it("rebuilds the planned order, the left-out visits and inserts the added prospect", () => {
    const plan = {
      name: "Tournée test",
      mode: "electric_car",
      matrix_source: "haversine",
      engine: "pyvrp",
      warnings: [],
      totals,
      baseline: totals,
      savings: { km: 0, co2_kg: 0, percent: 0 },
      emission_factor: {} as TourPlanOut["emission_factor"],
      days: [
        {
          date: "2026-12-01",
          start: place,
          end: place,
          departure: at("09:00"),
          arrival: at("17:00"),
          end_leg_km: 1,
          end_leg_minutes: 1,
          totals,
          baseline: totals,
          stops: [
            stop("visit", "P1", { prospect_id: 1, visit_index: 1 }, "09:30", "10:15"),
            stop("break", "Pause déjeuner", { latitude: null, longitude: null }, "12:00", "12:45"),
            stop("visit", "RDV", { prospect_id: 2, appointment_id: 9, visit_index: 0 }, "14:00", "15:30"),
          ],
        },
      ],
      unassigned: [
        { visit_index: 2, prospect_id: 4, appointment_id: null, label: "P4", reason: "day_too_full", message: "…" },
      ],
    } as TourPlanOut;
    const draft = draftFromPlan(plan, { prospectId: 8, name: "P8", dayIndex: 0, insertPosition: 1 });
    expect(draft.mode).toBe("electric_car");
    expect(draft.days).toEqual([{ date: "2026-12-01", startTime: "09:00", endTime: "18:00" }]);
    expect(draft.visits.map((v) => [v.key, v.duration])).toEqual([
      ["p-1", "45"],
      ["p-8", ""],
      ["a-9", "90"],
      ["p-4", ""],
    ]);
  });
});
