import { describe, expect, it } from "vitest";
import { EMPTY_FORM, fromProspect, parseNumber, splitTags, toCreate, toUpdate, type ProspectOut } from "./prospectForm";

describe("parseNumber and splitTags", () => {
  it("reads French numbers, keeps what it cannot parse for the server to explain", () => {
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("12 500,50")).toBe(12500.5);
    expect(parseNumber("12\u202f000")).toBe(12000);
    expect(parseNumber("beaucoup")).toBe("beaucoup");
  });

  it("splits tags on commas, trimmed and without duplicates", () => {
    expect(splitTags(" fibre, standard ,, fibre ")).toEqual(["fibre", "standard"]);
  });
});

describe("toCreate / toUpdate", () => {
  it("sends nulls for empty fields and company identifiers only for a company", () => {
    const company = toCreate({
      ...EMPTY_FORM,
      name: " Boulangerie Martin ",
      siret: "73282932000074",
      potential: "15000",
      tags: "pain",
    });
    expect(company).toMatchObject({
      kind: "company",
      status: "suspect",
      name: "Boulangerie Martin",
      siret: "73282932000074",
      siren: null,
      email: null,
      potential: 15000,
      tags: ["pain"],
      next_contact_on: null,
      latitude: null,
      ongoing_contract: false,
    });
    const person = toCreate({
      ...EMPTY_FORM,
      kind: "individual",
      name: "Jean Test",
      siret: "123",
      size_band: "micro",
      phone: "06 12 34 56 78",
    });
    expect(person).toMatchObject({
      kind: "individual",
      siret: null,
      siren: null,
      size_band: null,
      phone: "06 12 34 56 78",
    });
  });

  it("round-trips a record and carries the version read", () => {
    const record = {
      id: 3,
      owner_id: 1,
      kind: "company",
      name: "Agence",
      siren: "732829320",
      siret: "73282932000074",
      naf_code: null,
      sector: "Immobilier",
      size_band: "micro",
      address: null,
      postcode: "69001",
      city: "Lyon",
      latitude: 45.7,
      longitude: 4.8,
      website: null,
      phone: "+33472000000",
      email: null,
      status: "prospect",
      lost_reason: null,
      source: "referral",
      potential: "7300.00",
      priority: "C",
      tags: ["a", "b"],
      next_contact_on: "2026-12-01",
      ongoing_contract: true,
      created_at: "",
      updated_at: "",
      version: 4,
    } as unknown as ProspectOut;
    const form = fromProspect(record);
    expect(form.tags).toBe("a, b");
    expect(form.phone).toBe("04 72 00 00 00"); // edited as read, in the national format
    expect(form.potential).toBe("7300.00");
    const body = toUpdate(form, record.version);
    expect(body).toMatchObject({
      version: 4,
      name: "Agence",
      siren: "732829320",
      potential: 7300,
      latitude: 45.7,
      tags: ["a", "b"],
      ongoing_contract: true,
    });
    expect(body).not.toHaveProperty("kind");
    expect(body).not.toHaveProperty("status");
  });
});
