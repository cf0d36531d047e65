// What the quote editor sends: catalogue lines by reference, free lines with their TVA and
// cost, chained discounts, reductions as a rate or an amount, decimals with a point.
import { describe, expect, it } from "vitest";
import { discountsOf, payloadOf } from "./QuoteEditor";

const base = {
  title: "Fibre",
  valid_until: "2027-01-05",
  escompte_rate: "1,5",
  segment_code: "",
  off_premises: false,
  notes: "",
  approval_request: "Client stratégique",
};

describe("QuoteEditor payload", () => {
  it("reads chained discounts however they are typed", () => {
    expect(discountsOf("5 puis 2")).toEqual(["5", "2"]);
    expect(discountsOf("5,5; 1")).toEqual(["5.5", "1"]);
    expect(discountsOf("")).toEqual([]);
  });

  it("sends catalogue and free lines, reductions in order, and the approval only when asked", () => {
    const draft = {
      ...base,
      lines: [
        {
          product_reference: "FIB-PRO-500",
          label: "",
          quantity: "3",
          unit_price_ht: "",
          tva_rate: "20",
          unit_cost_ht: "",
          discounts: "5",
        },
        {
          product_reference: "",
          label: "Pose",
          quantity: "1,5",
          unit_price_ht: "80",
          tva_rate: "10",
          unit_cost_ht: "35",
          discounts: "",
        },
      ],
      reductions: [
        { kind: "remise" as const, mode: "rate" as const, value: "2" },
        { kind: "rabais" as const, mode: "amount" as const, value: "15,30" },
      ],
    };
    const body = payloadOf(draft, false);
    expect(body.escompte_rate).toBe("1.5");
    expect(body.segment_code).toBeNull();
    expect(body.lines).toEqual([
      { product_reference: "FIB-PRO-500", quantity: "3", unit_price_ht: null, discounts: ["5"] },
      { label: "Pose", quantity: "1.5", unit_price_ht: "80", tva_rate: "10", unit_cost_ht: "35", discounts: [] },
    ]);
    expect(body.reductions).toEqual([
      { kind: "remise", rate: "2" },
      { kind: "rabais", amount: "15.30" },
    ]);
    expect("approval_request" in body).toBe(false);
    expect(payloadOf(draft, true)).toMatchObject({ approval_request: "Client stratégique" });
  });
});
