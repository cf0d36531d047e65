// What the follow-up pages work out from the server's answers.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import {
  beyondAuthorityOf,
  decimal,
  deliverableLines,
  deliveryTimeline,
  documentsOf,
  missingStepsOf,
  nextSteps,
  optionalDecimal,
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

describe("deliverableLines", () => {
  it("offers each line less what the deliveries carry, when the order gives its lines", () => {
    const order = {
      lines: [
        { id: 1, label: "Fourgon", quantity: "3.000" },
        { id: 2, label: "Benne", quantity: "1.000" },
      ],
    };
    const deliveries = [
      {
        lines: [
          { order_line_id: 1, quantity: "1.000" },
          { order_line_id: 2, quantity: "1.000" },
        ],
      },
    ];
    expect(deliverableLines(order, deliveries)).toEqual([{ orderLineId: 1, label: "Fourgon", remaining: "2" }]);
  });

  it("offers none when the order does not give its lines", () => {
    expect(deliverableLines({ figures: {} }, [])).toEqual([]);
  });
});
