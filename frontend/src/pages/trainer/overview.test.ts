import type { Portfolio } from "../../api/types";
import { describe, expect, it } from "vitest";
import {
  INACTIVE_AFTER_DAYS,
  criteriaByLevel,
  daysSince,
  evidenceByCompetence,
  heatLevel,
  isInactive,
  lastActivity,
  sortOverview,
} from "./overview";

const assessment = (level: "not_assessed" | "in_progress" | "acquired") => ({
  id: 1,
  trainee_id: 9,
  criterion_code: "X",
  level,
  comment: "",
  assessor_id: 2,
  assessor_name: "Claire",
  framework_version: "v",
  created_at: "2026-11-01T10:00:00Z",
});

const portfolio: Pick<Portfolio, "competences"> = {
  competences: [
    {
      code: "CP1",
      kind: "professional",
      block: "AT1",
      title: "Veille",
      status: "in_progress",
      criteria_acquired: 1,
      evidence_count: 3,
      last_at: "2026-11-20T08:00:00Z",
      criteria: [
        {
          code: "CP1.1",
          text: "a",
          evidence_count: 2,
          last_at: "2026-11-20T08:00:00Z",
          assessment: assessment("acquired"),
        },
        { code: "CP1.2", text: "b", evidence_count: 0, last_at: null, assessment: assessment("in_progress") },
        { code: "CP1.3", text: "c", evidence_count: 0, last_at: null, assessment: null },
      ],
    },
    {
      code: "CT4",
      kind: "cross_cutting",
      block: null,
      title: "Numérique",
      status: "not_assessed",
      criteria_acquired: 0,
      evidence_count: 5,
      last_at: "2026-11-25T17:30:00+01:00",
      criteria: [
        { code: "CT4.1", text: "d", evidence_count: 5, last_at: "2026-11-25T17:30:00+01:00", assessment: null },
      ],
    },
  ],
};

describe("portfolio figures", () => {
  it("takes the latest evidence date across competences and criteria, comparing instants", () => {
    expect(lastActivity(portfolio)).toBe("2026-11-25T17:30:00+01:00");
    expect(lastActivity({ competences: [] })).toBeNull();
  });

  it("counts criteria by their current level, unassessed ones included", () => {
    expect(criteriaByLevel(portfolio)).toEqual({ acquired: 1, in_progress: 1, not_assessed: 2 });
  });

  it("maps evidence counts by competence code", () => {
    expect(evidenceByCompetence(portfolio)).toEqual({ CP1: 3, CT4: 5 });
  });

  it("shades cells relative to the table's maximum, zero unshaded", () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(undefined, 10)).toBe(0);
    expect(heatLevel(3, 0)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(3, 10)).toBe(2);
    expect(heatLevel(6, 10)).toBe(3);
    expect(heatLevel(10, 10)).toBe(4);
  });
});

describe("the cohort table's order and inactivity (issue 13)", () => {
  const row = (name: string, total: number, cp1: number, last: string | null) => ({
    name,
    data: {
      evidence_total: total,
      criteria_acquired: total % 3,
      competences: [{ ...portfolio.competences[0], evidence_count: cp1, last_at: last, criteria: [] }],
    },
  });
  const rows = [
    row("Zoé", 5, 1, "2026-11-01T10:00:00Z"),
    row("Adam", 9, 4, null),
    row("Léa", 5, 7, "2026-11-30T10:00:00Z"),
  ];

  it("sorts by name, a competence, the total or the last activity, both ways, ties by name", () => {
    const names = (sort: Parameters<typeof sortOverview>[1]) => sortOverview(rows, sort).map((r) => r.name);
    expect(names({ key: "name", descending: false })).toEqual(["Adam", "Léa", "Zoé"]);
    expect(names({ key: "name", descending: true })).toEqual(["Zoé", "Léa", "Adam"]);
    expect(names({ key: "competence:CP1", descending: true })).toEqual(["Léa", "Adam", "Zoé"]);
    expect(names({ key: "total", descending: true })).toEqual(["Adam", "Léa", "Zoé"]);
    expect(names({ key: "total", descending: false })).toEqual(["Léa", "Zoé", "Adam"]);
    // No activity at all is the oldest.
    expect(names({ key: "last", descending: false })).toEqual(["Adam", "Zoé", "Léa"]);
  });

  it("puts the rows still loading last", () => {
    const loading = { name: "Bruno", data: undefined };
    expect(
      sortOverview([loading, ...rows], { key: "total", descending: true })
        .map((r) => r.name)
        .at(-1),
    ).toBe("Bruno");
    expect(
      sortOverview([loading, ...rows], { key: "total", descending: false })
        .map((r) => r.name)
        .at(-1),
    ).toBe("Bruno");
  });

  it(`flags a trainee inactive after ${INACTIVE_AFTER_DAYS} days without evidence, or with none`, () => {
    const now = new Date("2026-12-05T09:00:00Z");
    expect(daysSince("2026-11-30T10:00:00Z", now)).toBe(4);
    expect(isInactive("2026-11-30T10:00:00Z", now)).toBe(false);
    expect(isInactive("2026-11-21T09:00:00Z", now)).toBe(false); // exactly 14 days
    expect(isInactive("2026-11-20T08:00:00Z", now)).toBe(true);
    expect(isInactive(null, now)).toBe(true);
  });
});
