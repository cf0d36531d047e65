// The plan's pure helpers: its calendar (months, ISO weeks, windows), its objectives' tree
// and sums, and the action form's payload.
import { describe, expect, it } from "vitest";
import type { ObjectiveOut } from "../../api/types";
import { fromAction, toActionBody, toggled } from "./actionForm";
import { numberOrNull } from "./numbers";
import { isoWeek, monthStarts, monthsIn, parseDay, sliceBounds, sliceChoices, weeksIn, windowOf } from "./periods";
import { groupsOf, subtreeOf, treeOf, withUnit } from "./tree";

const objective = (o: Partial<ObjectiveOut> & { id: number }): ObjectiveOut => ({
  plan_id: 1,
  parent_id: null,
  metric_code: "contacts",
  label: `Objectif ${o.id}`,
  target: "30.00",
  success_criterion: "",
  weight: 1,
  dimension: null,
  slice_key: null,
  position: o.id,
  ...o,
});

describe("the plan's calendar", () => {
  it("offers the first days of the months around today", () => {
    const months = monthStarts("2026-12-06", 1, 2);
    expect(months).toEqual([
      { value: "2026-11-01", label: "novembre 2026" },
      { value: "2026-12-01", label: "décembre 2026" },
      { value: "2027-01-01", label: "janvier 2027" },
      { value: "2027-02-01", label: "février 2027" },
    ]);
  });

  it("names the months and ISO weeks of a window", () => {
    expect(monthsIn("2026-12-01", "2027-02-28")).toEqual(["2026-12", "2027-01", "2027-02"]);
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(isoWeek(parseDay("2027-01-01"))).toBe("2026-W53");
    expect(isoWeek(parseDay("2027-01-04"))).toBe("2027-W01");
    expect(weeksIn("2026-12-28", "2027-01-12")).toEqual(["2026-W53", "2027-W01", "2027-W02"]);
    expect(sliceBounds("week", "2027-W01")).toEqual(["2027-01-04", "2027-01-10"]);
    expect(sliceBounds("month", "2027-02")).toEqual(["2027-02-01", "2027-02-28"]);
  });

  it("clips a slice's window to its parents' and offers its own slices", () => {
    // January 2027: from Friday the 1st (week 53 of 2026) to Sunday the 31st (week 4).
    const plan = { starts_on: "2026-12-01", ends_on: "2027-02-28" };
    const objectives = [
      objective({ id: 1 }),
      objective({ id: 2, parent_id: 1, dimension: "month", slice_key: "2027-01", target: "10" }),
    ];
    expect(windowOf(plan, objectives, 1)).toEqual({ start: "2026-12-01", end: "2027-02-28" });
    expect(windowOf(plan, objectives, 2)).toEqual({ start: "2027-01-01", end: "2027-01-31" });
    expect(sliceChoices("week", windowOf(plan, objectives, 2), undefined).map((c) => c.key)).toEqual([
      "2026-W53",
      "2027-W01",
      "2027-W02",
      "2027-W03",
      "2027-W04",
    ]);
  });
});

describe("the objectives' tree", () => {
  const objectives = [
    objective({ id: 1 }),
    objective({ id: 5, metric_code: null, target: null, label: "Qualité" }),
    objective({ id: 2, parent_id: 1, dimension: "month", slice_key: "2026-12", target: "10.00" }),
    objective({ id: 3, parent_id: 1, dimension: "month", slice_key: "2027-01", target: "10.00" }),
    objective({ id: 4, parent_id: 1, dimension: "month", slice_key: "2027-02", target: "5.00" }),
    objective({ id: 6, parent_id: 2, dimension: "week", slice_key: "2026-W49", target: "10" }),
  ];
  const metrics = new Map([["contacts", { code: "contacts", kind: "count" }]]) as never;

  it("reads the objectives in order, each followed by its slices", () => {
    expect(treeOf(objectives).map((t) => [t.objective.id, t.depth])).toEqual([
      [1, 0],
      [2, 1],
      [6, 2],
      [3, 1],
      [4, 1],
      [5, 0],
    ]);
    expect(subtreeOf(objectives, 1).map((t) => t.objective.id)).toEqual([1, 2, 6, 3, 4]);
  });

  it("sums each parent's slices along a dimension against its target", () => {
    const groups = groupsOf(
      subtreeOf(objectives, 1).map((t) => t.objective),
      metrics,
    );
    expect(groups.map((g) => [g.parent.id, g.dimension, g.sum, g.target, g.balanced])).toEqual([
      [1, "month", 25, 30, false],
      [2, "week", 10, 10, true],
    ]);
  });

  it("does not add up the slices of a ratio", () => {
    const ratio = new Map([["reach_rate", { code: "reach_rate", kind: "ratio" }]]) as never;
    const [group] = groupsOf(
      [
        objective({ id: 1, metric_code: "reach_rate", target: "40" }),
        objective({
          id: 2,
          parent_id: 1,
          metric_code: "reach_rate",
          dimension: "month",
          slice_key: "2026-12",
          target: "35",
        }),
      ],
      ratio,
    );
    expect(group.checked).toBe(false);
    expect(group.balanced).toBe(true);
  });

  it("writes values with their unit", () => {
    expect(withUnit("30.00", "nombre")).toBe("30");
    expect(withUnit("12.5", "km")).toBe("12,5 km");
    expect(withUnit("3.25", "kg CO2e")).toBe("3,25 kg CO₂e");
    expect(withUnit(null, "km")).toBe("—");
  });
});

describe("the action form", () => {
  const plan = { starts_on: "2026-12-01", ends_on: "2027-02-28" };

  it("starts over the plan's period and sends blank amounts as zero", () => {
    const form = fromAction(plan);
    expect(form.starts_on).toBe("2026-12-01");
    expect(form.ends_on).toBe("2027-02-28");
    form.title = "  Phoning  ";
    form.serves = { 1: "30", 2: "" };
    form.discount_pct = "4,5";
    form.campaign_ids = toggled(toggled([], 7, true), 8, true);
    expect(toActionBody(form)).toEqual({
      title: "Phoning",
      kind: "phoning",
      starts_on: "2026-12-01",
      ends_on: "2027-02-28",
      segment_code: null,
      product_family: null,
      hours: 0,
      budget: 0,
      km: 0,
      discount_pct: 4.5,
      notes: "",
      contributions: [
        { objective_id: 1, expected: 30 },
        { objective_id: 2, expected: null },
      ],
      campaign_ids: [7, 8],
      tour_ids: [],
    });
  });

  it("reads an action back, its links and contributions included", () => {
    const form = fromAction(plan, {
      id: 3,
      plan_id: 1,
      title: "Salon",
      kind: "fair",
      starts_on: "2027-01-10",
      ends_on: "2027-01-12",
      segment_code: "pme",
      product_family: null,
      hours: "16.00",
      budget: "0.00",
      km: "120.0",
      discount_pct: null,
      notes: "",
      contributions: [{ objective_id: 1, expected: "12.00" }],
      campaigns: [{ kind: "campaign", id: 4, label: "Relance", href: "/prospects/campagnes/4" }],
      tours: [],
    });
    expect(form).toMatchObject({ hours: "16.00", budget: "", km: "120.0", serves: { 1: "12.00" }, campaign_ids: [4] });
    expect(toggled(form.campaign_ids, 4, false)).toEqual([]);
  });

  it("keeps what is not a number as typed, for the server to explain", () => {
    expect(numberOrNull(" ")).toBeNull();
    expect(numberOrNull("12,5")).toBe(12.5);
    expect(numberOrNull("douze")).toBe("douze");
  });
});
