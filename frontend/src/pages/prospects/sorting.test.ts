import { describe, expect, it } from "vitest";
import { PROSPECT_SORT_FIELDS, sortOptions } from "./sorting";

describe("sortOptions", () => {
  it("offers both directions of every field the API documents", () => {
    const options = sortOptions(PROSPECT_SORT_FIELDS, { persona: true, near: true });
    expect(options).toHaveLength(PROSPECT_SORT_FIELDS.length * 2);
    expect(options.map((o) => o.value)).toContain("-potential");
    expect(options.find((o) => o.value === "-potential")?.label).toBe("Potentiel (le plus fort d'abord)");
    // Every field the API documents today has a French label.
    expect(options.filter((o) => /croissant\)$/.test(o.label))).toEqual([]);
  });

  it("leaves out the computed columns whose parameter is missing", () => {
    const values = sortOptions(PROSPECT_SORT_FIELDS).map((o) => o.value);
    expect(values).not.toContain("-persona_match");
    expect(values).not.toContain("distance");
    expect(sortOptions(PROSPECT_SORT_FIELDS, { persona: true }).map((o) => o.value)).toContain("-persona_match");
  });

  it("still offers a field it has no label for", () => {
    expect(sortOptions(["turnover"])).toEqual([
      { value: "turnover", label: "turnover (croissant)" },
      { value: "-turnover", label: "turnover (décroissant)" },
    ]);
  });
});
