// What the loyalty pages work out from the server's answers.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import {
  EMPTY_TARGET,
  MAX_STEPS,
  addDays,
  addStep,
  cellLabel,
  checkable,
  distributionBars,
  gridRows,
  moveStep,
  npsCategory,
  npsScore,
  offerDraft,
  offerPayload,
  offerRefusalOf,
  removeStep,
  shadeLevel,
  sortedFindings,
  stepDays,
  stepsPayload,
  targetBody,
  targetChosen,
  toggleId,
  unknownVariables,
  verdictOf,
  type StepDraft,
} from "./logic";
import { SEGMENTS } from "./fixtures";

describe("the RFM grid", () => {
  it("lays out 5 rows, recency 5 first, of frequencies 1 to 5, filling the cells left out", () => {
    const rows = gridRows(SEGMENTS.grid);
    expect(rows.map((r) => r.r)).toEqual([5, 4, 3, 2, 1]);
    for (const row of rows) expect(row.cells.map((c) => c.f)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].cells[4]).toMatchObject({ r: 5, f: 5, customers: 2, amount: "7566.00" });
    expect(rows[2].cells[2]).toMatchObject({ r: 3, f: 3, customers: 0, amount: "0.00", level: 0 });
    expect(rows.flatMap((r) => r.cells)).toHaveLength(25);
  });

  it("shades each cell by its share of the most populated one", () => {
    expect(shadeLevel(0, 3)).toBe(0);
    expect(shadeLevel(1, 12)).toBe(1);
    expect(shadeLevel(6, 12)).toBe(2);
    expect(shadeLevel(9, 12)).toBe(3);
    expect(shadeLevel(12, 12)).toBe(4);
    const levels = gridRows(SEGMENTS.grid).flatMap((r) => r.cells.filter((c) => c.customers > 0).map((c) => c.level));
    // 2, 3 and 1 customers of at most 3.
    expect(levels).toEqual([3, 4, 2]);
  });

  it("names a cell in words", () => {
    expect(cellLabel({ r: 5, f: 1, customers: 2, amount: "3295.00" })).toBe(
      "Récence 5, fréquence 1 : 2 clients, 3\u202f295,00 € HT",
    );
    expect(cellLabel({ r: 1, f: 1, customers: 1, amount: "90.00" })).toBe(
      "Récence 1, fréquence 1 : 1 client, 90,00 € HT",
    );
  });
});

describe("survey distributions", () => {
  it("draws the NPS scores 0–10 with their category, the longest bar full", () => {
    const bars = distributionBars([0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 2], "nps");
    expect(bars.map((b) => b.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bars[4]).toEqual({ score: 4, count: 1, width: 50, category: "detractor" });
    expect(bars[7].category).toBe("passive");
    expect(bars[10]).toEqual({ score: 10, count: 2, width: 100, category: "promoter" });
  });

  it("draws CSAT scores 1–5 without categories, and nothing without answers", () => {
    const bars = distributionBars([0, 0, 1, 3, 0], "csat");
    expect(bars.map((b) => [b.score, b.width, b.category])).toEqual([
      [1, 0, null],
      [2, 0, null],
      [3, 33, null],
      [4, 100, null],
      [5, 0, null],
    ]);
    expect(distributionBars([0, 0, 0], "csat").every((b) => b.width === 0)).toBe(true);
  });

  it("says the NPS with its sign, and each score's category", () => {
    expect(npsScore("42.9")).toBe("+42,9");
    expect(npsScore("-10.0")).toBe("−10");
    expect(npsScore("0.0")).toBe("0");
    expect(npsScore(null)).toBe("—");
    expect([6, 7, 8, 9].map(npsCategory)).toEqual(["detractor", "passive", "passive", "promoter"]);
  });
});

describe("offers", () => {
  it("reads the check's verdict", () => {
    expect(verdictOf({ allowed: true, needs_approval: false })).toBe("allowed");
    expect(verdictOf({ allowed: true, needs_approval: true })).toBe("approval");
    expect(verdictOf({ allowed: false, needs_approval: false })).toBe("refused");
  });

  it("lists what holds before what refuses", () => {
    const f = (ok: boolean, code: string) => ({ ok, code, rule: "", message: code });
    expect(sortedFindings([f(false, "a"), f(true, "b"), f(false, "c"), f(true, "d")]).map((x) => x.code)).toEqual([
      "b",
      "d",
      "a",
      "c",
    ]);
  });

  it("reads a 409's rule and findings, and nothing else", () => {
    const findings = [{ ok: false, code: "loyalty-over-policy", rule: "Parrainage", message: "Trop." }];
    const refusal = new ApiError({
      type: "urn:capvente:problem:loyalty-over-policy",
      title: "Conflit",
      status: 409,
      detail: "Règle « Parrainage » : trop.",
      rule: "Parrainage",
      findings,
    });
    expect(offerRefusalOf(refusal)).toEqual({ detail: "Règle « Parrainage » : trop.", rule: "Parrainage", findings });
    expect(offerRefusalOf(new ApiError({ title: "Données invalides", status: 422 }))).toBeNull();
    expect(offerRefusalOf(new Error("x"))).toBeNull();
  });

  it("opens a draft for the recommended product, valid 30 days", () => {
    const d = offerDraft("2026-12-07", { client: "10", produit: "LOG-NF525", label: "Logiciel NF525" });
    expect(d).toMatchObject({
      prospect_id: "10",
      title: "Offre : Logiciel NF525",
      lines: [{ product_reference: "LOG-NF525", quantity: "1", discount: "0" }],
      valid_until: "2027-01-06",
      recommended: true,
    });
    expect(offerDraft("2026-12-07").recommended).toBe(false);
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
  });

  it("sends the lines as decimals, to the customer or to the segment, with the approval request when written", () => {
    const d = offerDraft("2026-12-07", { client: "10", produit: "TPE-4G" });
    d.lines[0] = { product_reference: "TPE-4G", quantity: "2", discount: "5,5" };
    expect(offerPayload(d)).toEqual({
      title: "Offre : TPE-4G",
      lines: [{ product_reference: "TPE-4G", quantity: "2", discount: "5.5" }],
      valid_until: "2027-01-06",
      channel: null,
      conditions: "",
      recommended: true,
      prospect_ids: [10],
      approval_request: null,
    });
    const segment = {
      ...d,
      target: "segment" as const,
      rfm_segment: "at_risk" as const,
      approval_request: "Client clé.",
    };
    expect(offerPayload(segment)).toMatchObject({ rfm_segment: "at_risk", approval_request: "Client clé." });
    expect(offerPayload(segment)).not.toHaveProperty("prospect_ids");
  });

  it("checks a draft only once it names a customer, a title, a validity and every line's product", () => {
    const d = offerDraft("2026-12-07", { client: "10", produit: "TPE-4G" });
    expect(checkable(d)).toBe(true);
    expect(checkable({ ...d, prospect_id: "" })).toBe(false);
    expect(checkable({ ...d, title: " " })).toBe(false);
    expect(checkable({ ...d, lines: [...d.lines, { product_reference: "", quantity: "1", discount: "0" }] })).toBe(
      false,
    );
    expect(checkable({ ...d, target: "segment" })).toBe(false);
  });
});

describe("the relaunch plan's steps", () => {
  const step = (subject: string, delay = "7"): StepDraft => ({
    channel: "email",
    delay_days: delay,
    subject,
    body: "",
  });

  it("moves a step up or down, and not beyond either end", () => {
    const steps = [step("a"), step("b"), step("c")];
    expect(moveStep(steps, 0, 1).map((s) => s.subject)).toEqual(["b", "a", "c"]);
    expect(moveStep(steps, 2, -1).map((s) => s.subject)).toEqual(["a", "c", "b"]);
    expect(moveStep(steps, 0, -1).map((s) => s.subject)).toEqual(["a", "b", "c"]);
    expect(moveStep(steps, 2, 1).map((s) => s.subject)).toEqual(["a", "b", "c"]);
    expect(removeStep(steps, 1).map((s) => s.subject)).toEqual(["a", "c"]);
  });

  it("adds a step (the first one at once), ten at most", () => {
    expect(addStep([])).toEqual([{ channel: "email", delay_days: "0", subject: "", body: "" }]);
    expect(addStep([step("a")])[1].delay_days).toBe("7");
    const ten = Array.from({ length: MAX_STEPS }, (_, i) => step(String(i)));
    expect(addStep(ten)).toHaveLength(MAX_STEPS);
  });

  it("sends whole delays as numbers, anything else as typed for the server to name", () => {
    expect(stepsPayload([step("a", " 3 "), step("b", "deux")])).toEqual([
      { channel: "email", delay_days: 3, subject: "a", body: "" },
      { channel: "email", delay_days: "deux", subject: "b", body: "" },
    ]);
  });

  it("adds the delays up into the day each step leaves", () => {
    expect(stepDays([{ delay_days: 0 }, { delay_days: 7 }, { delay_days: "14" }])).toEqual([0, 7, 21]);
  });

  it("finds the variables the server will refuse", () => {
    expect(
      unknownVariables("Bonjour {{ contact }}, {{prenom}} et {{ prenom }} de {{ entreprise }} {{ ville }}"),
    ).toEqual(["prenom", "ville"]);
    expect(unknownVariables("{{ client }} {{ derniere_commande }} {{ date }}")).toEqual([]);
  });
});

describe("targets", () => {
  it("sends the ticked customers or the segment", () => {
    expect(targetBody({ ...EMPTY_TARGET, ids: [3, 4] })).toEqual({ prospect_ids: [3, 4] });
    expect(targetBody({ mode: "segment", ids: [3], segment: "lost" })).toEqual({ rfm_segment: "lost" });
    expect(targetChosen(EMPTY_TARGET)).toBe(false);
    expect(targetChosen({ mode: "segment", ids: [3], segment: "" })).toBe(false);
    expect(toggleId([1, 2], 3, true)).toEqual([1, 2, 3]);
    expect(toggleId([1, 2], 2, true)).toEqual([1, 2]);
    expect(toggleId([1, 2], 1, false)).toEqual([2]);
  });
});
