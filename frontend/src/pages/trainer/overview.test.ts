import { describe, expect, it } from "vitest";
import { criteriaByLevel, evidenceByCompetence, heatLevel, lastActivity, type Portfolio } from "./overview";

const assessment = (level: "not_assessed" | "in_progress" | "acquired") => ({
  id: 1, trainee_id: 9, criterion_code: "X", level, comment: "", assessor_id: 2, assessor_name: "Claire",
  framework_version: "v", created_at: "2026-11-01T10:00:00Z",
});

const portfolio: Pick<Portfolio, "competences"> = {
  competences: [
    {
      code: "CP1", kind: "professional", block: "AT1", title: "Veille", status: "in_progress", criteria_acquired: 1,
      evidence_count: 3, last_at: "2026-11-20T08:00:00Z",
      criteria: [
        { code: "CP1.1", text: "a", evidence_count: 2, last_at: "2026-11-20T08:00:00Z", assessment: assessment("acquired") },
        { code: "CP1.2", text: "b", evidence_count: 0, last_at: null, assessment: assessment("in_progress") },
        { code: "CP1.3", text: "c", evidence_count: 0, last_at: null, assessment: null },
      ],
    },
    {
      code: "CT4", kind: "cross_cutting", block: null, title: "Numérique", status: "not_assessed", criteria_acquired: 0,
      evidence_count: 5, last_at: "2026-11-25T17:30:00+01:00",
      criteria: [{ code: "CT4.1", text: "d", evidence_count: 5, last_at: "2026-11-25T17:30:00+01:00", assessment: null }],
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
