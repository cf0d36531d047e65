import { describe, expect, it } from "vitest";
import { auditDetail, personOf } from "./privacy";

describe("auditDetail", () => {
  it("keeps French details as written", () => {
    expect(auditDetail("Demande d'effacement n° 12")).toBe("Demande d'effacement n° 12");
    expect(auditDetail("")).toBe("");
  });
  it("translates the details written in English before", () => {
    expect(auditDetail("timeline")).toBe("");
    expect(auditDetail("erasure request 7")).toBe("Demande d'effacement n° 7");
    expect(auditDetail("access request 3")).toBe("Demande d'accès n° 3 traitée");
    expect(auditDetail("request 3")).toBe("Données téléchargées pour la demande n° 3");
    expect(auditDetail("retention 3 years")).toBe("Durée de conservation (3 ans) dépassée");
    expect(auditDetail("export xlsx : 40 fiche(s)")).toBe("Export XLSX : 40 fiche(s)");
  });
});

describe("personOf", () => {
  it("names the person, not the record's number", () => {
    expect(personOf({ prospect_id: 1976, subject_name: "Jeanne Petit" })).toBe("Jeanne Petit");
    expect(personOf({ prospect_id: 12, subject_name: "Paul Roux (Menuiserie Roux)" })).toBe(
      "Paul Roux (Menuiserie Roux)",
    );
    expect(personOf({ prospect_id: null, subject_name: null })).toBe("Fiche supprimée");
  });
});
