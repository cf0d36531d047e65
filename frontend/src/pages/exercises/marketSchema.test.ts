// The market form is built from the parameters' JSON Schema: groups ($ref to $defs, nested),
// numbers with their bounds and French descriptions; the values flattened for the form and
// back into the document the PATCH sends.
import { describe, expect, it } from "vitest";
import { boundsHint, defaultsOf, flatten, leavesOf, marketNodes, unflatten } from "./marketSchema";

const SCHEMA = {
  $defs: {
    CallParameters: {
      description: "Outbound calls (English, the group's own description)",
      properties: {
        reach_rate: {
          default: 0.28,
          description: "Taux de décroché de base d'un appel (un humain répond)",
          maximum: 1,
          minimum: 0,
          title: "Reach Rate",
          type: "number",
        },
        hours_company: { $ref: "#/$defs/HourBands", description: "Décroché par tranche horaire (entreprises)" },
        fatigue_after_attempts: { default: 6, minimum: 1, maximum: 50, title: "Fatigue", type: "integer" },
      },
    },
    HourBands: {
      properties: {
        h08_10: { default: 1.15, description: "Multiplicateur de décroché entre 8 h et 10 h", type: "number" },
      },
    },
  },
  properties: {
    population: {
      default: 200,
      description: "Nombre de personnes simulées",
      maximum: 10000,
      minimum: 1,
      type: "integer",
    },
    calls: { $ref: "#/$defs/CallParameters", description: "Modèle des appels" },
    label: { type: "string" },
  },
};

describe("marketNodes", () => {
  it("walks the groups in order, labels in French, bounds and defaults", () => {
    const nodes = marketNodes(SCHEMA);
    expect(nodes.map((n) => [n.kind, n.path, n.label])).toEqual([
      ["number", "population", "Nombre de personnes simulées"],
      ["group", "calls", "Modèle des appels"],
    ]);
    expect(leavesOf(nodes).map((l) => [l.path, l.label, l.integer])).toEqual([
      ["population", "Nombre de personnes simulées", true],
      ["calls.reach_rate", "Taux de décroché de base d'un appel (un humain répond)", false],
      ["calls.hours_company.h08_10", "Multiplicateur de décroché entre 8 h et 10 h", false],
      ["calls.fatigue_after_attempts", "Fatigue", true],
    ]);
    const reach = leavesOf(nodes)[1];
    expect(boundsHint(reach)).toBe("De 0 à 1 · par défaut 0,28");
    expect(boundsHint(leavesOf(nodes)[2])).toBe("par défaut 1,15");
  });

  it("flattens a market (defaults where it says nothing) and sends numbers back, « 0,2 » too", () => {
    const nodes = marketNodes(SCHEMA);
    const values = flatten({ population: 80, calls: { reach_rate: 0.1, hours_company: { h08_10: 1 } } }, nodes);
    expect(values).toEqual({
      population: "80",
      "calls.reach_rate": "0.1",
      "calls.hours_company.h08_10": "1",
      "calls.fatigue_after_attempts": "6",
    });
    expect(defaultsOf(nodes)["calls.reach_rate"]).toBe("0.28");
    expect(
      unflatten({ ...values, "calls.reach_rate": "0,2", "calls.fatigue_after_attempts": "", population: "beaucoup" }),
    ).toEqual({ population: "beaucoup", calls: { reach_rate: 0.2, hours_company: { h08_10: 1 } } });
  });
});
