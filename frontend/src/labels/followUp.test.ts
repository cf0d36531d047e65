// The follow-up's labels: one for every code the API may send (checked against its OpenAPI
// document, so that a code added on the server and forgotten here fails), and the small
// helpers of the pages.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  DECISION_KINDS,
  DELIVERY_EVENT_KINDS,
  DELIVERY_STATUSES,
  DEPARTMENTS,
  ESCALATION_STATUSES,
  INCIDENT_KINDS,
  INVOICE_KINDS,
  INVOICE_STATUSES,
  MESSAGE_DIRECTIONS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  RELAUNCH_LEVELS,
  SOLUTIONS,
  STEP_STATES,
  SUBJECTS,
  APPROVERS,
  lateness,
  quantity,
  recordHref,
} from "./followUp";

const schemas = JSON.parse(readFileSync(new URL("../api/openapi.json", import.meta.url), "utf8")).components
  .schemas as Record<string, { enum?: string[] }>;

const TABLES: [string, Record<string, string>][] = [
  ["OrderStatus", ORDER_STATUSES],
  ["DeliveryStatus", DELIVERY_STATUSES],
  ["DeliveryEventKind", DELIVERY_EVENT_KINDS],
  ["IncidentKind", INCIDENT_KINDS],
  ["CaseStatus", CASE_STATUSES],
  ["CaseType", CASE_TYPES],
  ["StepState", STEP_STATES],
  ["DecisionKind", DECISION_KINDS],
  ["EscalationDepartment", DEPARTMENTS],
  ["EscalationStatus", ESCALATION_STATUSES],
  ["Approver", APPROVERS],
  ["ComplaintStatus", COMPLAINT_STATUSES],
  ["ComplaintCategory", COMPLAINT_CATEGORIES],
  ["ComplaintSeverity", COMPLAINT_SEVERITIES],
  ["SolutionKind", SOLUTIONS],
  ["InvoiceStatus", INVOICE_STATUSES],
  ["InvoiceKind", INVOICE_KINDS],
  ["RelaunchLevel", RELAUNCH_LEVELS],
  ["PaymentMethod", PAYMENT_METHODS],
  ["Channel", CHANNELS],
  ["Direction", MESSAGE_DIRECTIONS],
  ["FollowUpSubject", SUBJECTS],
];

describe("follow-up labels", () => {
  it.each(TABLES)("name every code of %s, and no other", (schema, labels) => {
    const codes = schemas[schema]?.enum;
    expect(codes, `${schema} in openapi.json`).toBeDefined();
    expect(Object.keys(labels).sort()).toEqual([...(codes ?? [])].sort());
    for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
  });

  it("name the departments as the brief does", () => {
    expect(DEPARTMENTS).toEqual({
      customer_service: "Service client",
      logistics: "Logistique",
      accounting: "Comptabilité",
      legal: "Juridique",
      after_sales: "SAV",
      sales_management: "Direction commerciale",
    });
  });

  it("say how late something is", () => {
    expect(lateness(0)).toBe("à temps");
    expect(lateness(-2)).toBe("à temps");
    expect(lateness(1)).toBe("1 jour de retard");
    expect(lateness(12)).toBe("12 jours de retard");
  });

  it("link each record to its page", () => {
    expect(recordHref("order", 3)).toBe("/commandes/3");
    expect(recordHref("delivery", 4)).toBe("/livraisons/4");
    expect(recordHref("invoice", 5)).toBe("/factures/5");
    expect(recordHref("complaint", 6)).toBe("/reclamations/6");
    expect(recordHref("case", 7)).toBe("/dossiers/7");
    expect(recordHref("quote", 8)).toBe("/ventes/devis/8");
    expect(recordHref("opportunity", 9)).toBe("/ventes/opportunites/9");
    expect(recordHref("interaction", 10, 42)).toBe("/prospects/42");
    expect(recordHref("interaction", 10)).toBeNull();
    expect(recordHref("unknown", 1)).toBeNull();
  });

  it("show quantities without trailing zeros", () => {
    expect(quantity("3.000")).toBe("3");
    expect(quantity("2.500")).toBe("2,5");
    expect(quantity("12")).toBe("12");
    expect(quantity("0.125")).toBe("0,125");
  });
});
