// What the follow-up pages work out from the server's answers.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import {
  beyondAuthorityOf,
  decimal,
  complaintTask,
  deliverableLines,
  deliveryTimeline,
  documentsOf,
  existingOrderOf,
  invoiceTask,
  leftToPlan,
  missingStepsOf,
  nextSteps,
  optionalDecimal,
  partialLines,
} from "./logic";

const delivery = (patch: object = {}) => ({
  status: "planned" as const,
  created_at: "2026-12-01T09:30:00Z",
  prepared_on: null,
  shipped_on: null,
  delivered_on: null,
  ...patch,
});

describe("nextSteps", () => {
  it("follows the server's order, preparing being optional", () => {
    expect(nextSteps("planned")).toEqual(["prepared", "shipped"]);
    expect(nextSteps("prepared")).toEqual(["shipped"]);
    expect(nextSteps("shipped")).toEqual(["delivered"]);
    expect(nextSteps("delivered")).toEqual([]);
  });
});

describe("deliveryTimeline", () => {
  it("dates the steps reached and leaves the others to come", () => {
    const steps = deliveryTimeline(delivery({ status: "prepared", prepared_on: "2026-12-02" }));
    expect(steps.map((s) => [s.status, s.state, s.on])).toEqual([
      ["planned", "done", "2026-12-01"],
      ["prepared", "current", "2026-12-02"],
      ["shipped", "todo", null],
      ["delivered", "todo", null],
    ]);
  });

  it("marks preparing skipped when the delivery was shipped without it", () => {
    const steps = deliveryTimeline(
      delivery({ status: "delivered", shipped_on: "2026-12-03", delivered_on: "2026-12-04" }),
    );
    expect(steps.map((s) => s.state)).toEqual(["done", "skipped", "done", "current"]);
    expect(steps[3].on).toBe("2026-12-04");
  });
});

const problem = (p: object) => new ApiError({ status: 409, title: "Conflit", ...p });

describe("beyondAuthorityOf", () => {
  it("reads the limit, the department and its contact of a 409 beyond-authority", () => {
    const refusal = beyondAuthorityOf(
      problem({
        type: "urn:capvente:problem:beyond-authority",
        title: "Au-delà de votre délégation",
        detail: "Geste de 5 000,00 € HT au-delà de votre délégation (200,00 € HT au plus).",
        limit: "policy.authority.max_commercial_gesture",
        escalate_to: "sales_management",
        escalate_to_label: "Direction commerciale",
        contact: "direction.commerciale@example",
      }),
    );
    expect(refusal).toEqual({
      detail: "Geste de 5 000,00 € HT au-delà de votre délégation (200,00 € HT au plus).",
      limit: "policy.authority.max_commercial_gesture",
      department: "sales_management",
      departmentLabel: "Direction commerciale",
      contact: "direction.commerciale@example",
    });
  });

  it("is null for any other error", () => {
    expect(beyondAuthorityOf(problem({ type: "urn:capvente:problem:conflict" }))).toBeNull();
    expect(beyondAuthorityOf(new Error("réseau"))).toBeNull();
    expect(beyondAuthorityOf(null)).toBeNull();
  });

  it("keeps the refusal when the department is one it does not know", () => {
    const refusal = beyondAuthorityOf(
      problem({ type: "urn:capvente:problem:beyond-authority", detail: "Non.", escalate_to: "elsewhere" }),
    );
    expect(refusal?.department).toBeNull();
    expect(refusal?.detail).toBe("Non.");
  });
});

describe("missingStepsOf", () => {
  const steps = [
    { code: "accuse-reception", label: "Accuser réception sous 48 heures" },
    { code: "cloture", label: "Rappeler le client pour clore" },
  ].map((s) => ({ ...s, required: true, approval_by: null, state: "pending" as const, on: null, note: "" }));

  it("names the missing steps by their labels", () => {
    const error = problem({
      type: "urn:capvente:problem:procedure-step-missing",
      missing_steps: ["accuse-reception", "cloture", "inconnue"],
    });
    expect(missingStepsOf(error, steps)).toEqual([
      "Accuser réception sous 48 heures",
      "Rappeler le client pour clore",
      "inconnue",
    ]);
  });

  it("is null for another refusal", () => {
    expect(missingStepsOf(problem({ type: "urn:capvente:problem:conflict" }), steps)).toBeNull();
  });
});

describe("form conversions", () => {
  it("reads one document a line", () => {
    expect(documentsOf(" CDE-2026-00001\n\nphoto du colis \n")).toEqual(["CDE-2026-00001", "photo du colis"]);
    expect(documentsOf("")).toEqual([]);
  });

  it("reads French decimals as the API does", () => {
    expect(decimal(" 1 250,5 ")).toBe("1250.5");
    expect(optionalDecimal("")).toBeNull();
    expect(optionalDecimal("12,30")).toBe("12.30");
  });
});

const orderLine = (id: number, quantity: string, planned: string, label = `Ligne ${id}`) => ({
  id,
  label,
  quantity,
  quantity_planned: planned,
});

describe("deliverableLines", () => {
  it("offers each line less what the deliveries already carry (quantity − quantity_planned)", () => {
    const lines = [orderLine(1, "3.000", "1.000", "Fourgon"), orderLine(2, "1.000", "1.000"), orderLine(3, "2.5", "0")];
    expect(deliverableLines(lines)).toEqual([
      { orderLineId: 1, label: "Fourgon", remaining: "2" },
      { orderLineId: 3, label: "Ligne 3", remaining: "2.5" },
    ]);
  });

  it("counts in thousandths, without the float's noise", () => {
    expect(deliverableLines([orderLine(1, "0.300", "0.100")])[0].remaining).toBe("0.2");
    expect(leftToPlan(orderLine(1, "0.300", "0.100"))).toBe("0.2");
  });

  it("offers nothing once every quantity is planned, and never less than zero left", () => {
    expect(deliverableLines([orderLine(1, "2.000", "2.000")])).toEqual([]);
    expect(leftToPlan(orderLine(1, "2.000", "3.000"))).toBe("0");
  });
});

describe("partialLines", () => {
  const lines = deliverableLines([orderLine(1, "3.000", "1.000", "Fourgon"), orderLine(2, "4.000", "0", "Benne")]);

  it("sends the lines ticked with their quantities, typed in French", () => {
    expect(partialLines(lines, { chosen: { 1: true, 2: false }, quantities: { 1: "1,5", 2: "4" } })).toEqual({
      ok: true,
      lines: [{ order_line_id: 1, quantity: "1.5" }],
    });
    expect(partialLines(lines, { chosen: { 1: true, 2: true }, quantities: { 1: "2", 2: " 4 " } })).toEqual({
      ok: true,
      lines: [
        { order_line_id: 1, quantity: "2" },
        { order_line_id: 2, quantity: "4" },
      ],
    });
  });

  it("asks for a line at least", () => {
    expect(partialLines(lines, { chosen: {}, quantities: {} })).toEqual({
      ok: false,
      errors: { lines: "Cochez au moins une ligne à livrer." },
    });
  });

  it("refuses a quantity above what is left to plan, zero, or not a number", () => {
    const checked = partialLines(lines, { chosen: { 1: true, 2: true }, quantities: { 1: "2,001", 2: "0" } });
    expect(checked).toEqual({
      ok: false,
      errors: { 1: "Au plus 2 : le reste à prévoir de cette ligne.", 2: "Une quantité supérieure à zéro." },
    });
    expect(partialLines(lines, { chosen: { 2: true }, quantities: { 2: "deux" } })).toMatchObject({
      ok: false,
      errors: { 2: "Une quantité en chiffres (trois décimales au plus)." },
    });
    expect(partialLines(lines, { chosen: { 2: true }, quantities: { 2: "1.2345" } })).toMatchObject({ ok: false });
  });
});

describe("existingOrderOf", () => {
  it("reads the order a second order of the quote is refused for", () => {
    expect(existingOrderOf(problem({ detail: "Ce devis est déjà la commande CDE-2026-00003.", order_id: 3 }))).toBe(3);
    expect(existingOrderOf(problem({ detail: "Devis non accepté." }))).toBeNull();
    expect(existingOrderOf(new Error("réseau"))).toBeNull();
  });
});

describe("the task a due date suggests", () => {
  const invoice = {
    number: "FAC-2026-00001",
    status: "open" as const,
    due_on: "2026-11-16",
    next_level: { level: "formal_notice" as const, from_on: "2026-12-16" },
    escalation_due: false,
    escalated_at: null,
  };

  it("is an invoice's next relaunch from its date, never in the past", () => {
    expect(invoiceTask(invoice, "2026-12-06")).toEqual({
      title: "Mise en demeure de la facture FAC-2026-00001",
      due_on: "2026-12-16",
    });
    expect(invoiceTask(invoice, "2026-12-20").due_on).toBe("2026-12-20");
  });

  it("is the transfer to accounting once due, else the payment on the due date", () => {
    expect(invoiceTask({ ...invoice, next_level: null, escalation_due: true }, "2026-12-30")).toEqual({
      title: "Transmettre la facture FAC-2026-00001 à la comptabilité",
      due_on: "2026-12-30",
    });
    expect(invoiceTask({ ...invoice, next_level: null }, "2026-11-01")).toEqual({
      title: "Vérifier le paiement de la facture FAC-2026-00001",
      due_on: "2026-11-16",
    });
  });

  it("is a complaint's response, then its resolution", () => {
    const complaint = {
      subject: "Retard",
      responded_on: null,
      response_due_on: "2026-12-07",
      resolution_due_on: "2026-12-20",
    };
    expect(complaintTask(complaint, "2026-12-05")).toEqual({
      title: "Répondre à la réclamation : Retard",
      due_on: "2026-12-07",
    });
    expect(complaintTask({ ...complaint, responded_on: "2026-12-06" }, "2026-12-06")).toEqual({
      title: "Résoudre la réclamation : Retard",
      due_on: "2026-12-20",
    });
  });
});
