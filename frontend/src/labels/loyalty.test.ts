// The loyalty's labels: one for every code the API may send (checked against its OpenAPI
// document, so that a code added on the server and forgotten here fails), and the display of
// the analytics' figures.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_KINDS,
  CHANNELS,
  ENROLMENT_STATUSES,
  EVENT_KINDS,
  INACTIVITY_BASES,
  JOB_STATUSES,
  MESSAGE_SOURCES,
  MESSAGE_STATUSES,
  OFFER_STATUSES,
  RFM_SEGMENTS,
  RSVPS,
  SURVEY_KINDS,
  TEMPLATE_VARIABLES,
  customers,
  days,
  lift,
  ratio,
} from "./loyalty";

const document = JSON.parse(readFileSync(new URL("../api/openapi.json", import.meta.url), "utf8"));
const schemas = document.components.schemas as Record<string, { enum?: string[] }>;

const TABLES: [string, Record<string, string>][] = [
  ["RfmSegment", RFM_SEGMENTS],
  ["InactivityBasis", INACTIVITY_BASES],
  ["MessageStatus", MESSAGE_STATUSES],
  ["MessageSource", MESSAGE_SOURCES],
  ["EnrolmentStatus", ENROLMENT_STATUSES],
  ["OfferStatus", OFFER_STATUSES],
  ["CampaignKind", CAMPAIGN_KINDS],
  ["SurveyKind", SURVEY_KINDS],
  ["LoyaltyEventKind", EVENT_KINDS],
  ["Rsvp", RSVPS],
  ["JobStatus", JOB_STATUSES],
  ["Channel", CHANNELS],
];

describe("loyalty labels", () => {
  it.each(TABLES)("name every code of %s, and no other", (schema, labels) => {
    const codes = schemas[schema]?.enum;
    expect(codes, `${schema} in openapi.json`).toBeDefined();
    expect(Object.keys(labels).sort()).toEqual([...(codes ?? [])].sort());
    for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
  });

  it("name the segments as the server does", () => {
    expect(RFM_SEGMENTS.at_risk).toBe("À risque");
    expect(RFM_SEGMENTS.needs_attention).toBe("À surveiller");
    expect(INACTIVITY_BASES).toEqual({ rhythm: "rythme habituel", threshold: "seuil du cas" });
  });

  it("list the template variables the server allows (app/loyalty/messaging.py), each explained", () => {
    expect(TEMPLATE_VARIABLES.map((v) => v.name)).toEqual([
      "client",
      "contact",
      "entreprise",
      "commercial",
      "produits",
      "derniere_commande",
      "date",
    ]);
    for (const v of TEMPLATE_VARIABLES) expect(v.meaning.trim()).not.toBe("");
  });
});

describe("the analytics' figures", () => {
  it("show ratios in percent, lifts with one decimal, days and customers counted", () => {
    expect(ratio("0.2222")).toBe("22,2 %");
    expect(ratio("1.0000")).toBe("100 %");
    expect(ratio("0.0192")).toBe("1,9 %");
    expect(ratio(null)).toBe("—");
    expect(lift("8.667")).toBe("8,7");
    expect(lift("1.926")).toBe("1,9");
    expect(days(1)).toBe("1 jour");
    expect(days(0)).toBe("0 jour");
    expect(days(183)).toBe("183 jours");
    expect(days("93.5")).toBe("93,5 jours");
    expect(days(null)).toBe("—");
    expect(customers(1)).toBe("1 client");
    expect(customers(3)).toBe("3 clients");
  });
});
