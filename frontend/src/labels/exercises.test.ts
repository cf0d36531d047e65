// Where a market event's record is read in the client, what an event says beyond its outcome,
// and how the exercise pages write a simulated day, the run counts and the figures.
import { describe, expect, it } from "vitest";
import {
  clockSentence,
  daysLeft,
  factor,
  metricValue,
  probability,
  runCounts,
  attainment,
} from "../pages/exercises/format";
import { eventDetail, recordLink } from "./exercises";

describe("recordLink", () => {
  it("sends each record to its page", () => {
    expect(recordLink("interaction:12", 5)).toEqual({
      to: "/prospects/5",
      label: "Échange dans l'historique de la fiche",
    });
    expect(recordLink("appointment:4", 5)).toEqual({ to: "/agenda?rendez-vous=4", label: "Rendez-vous dans l'agenda" });
    expect(recordLink("order:7", 5)?.to).toBe("/commandes/7");
    expect(recordLink("delivery:8", 5)?.to).toBe("/livraisons/8");
    expect(recordLink("complaint:9", 5)?.to).toBe("/reclamations/9");
    expect(recordLink("invoice:3", 5)?.to).toBe("/factures/3");
    expect(recordLink("consent:2", 5)?.to).toBe("/prospects/5");
    expect(recordLink(null, 5)).toEqual({ to: "/prospects/5", label: "Fiche du prospect" });
    expect(recordLink(null, null)).toBeNull();
  });
});

describe("eventDetail", () => {
  it("says an objection's words, an incident, a payment's delay", () => {
    expect(
      eventDetail("call", { objection: "Nous travaillons avec quelqu'un.", objection_motive: "sympathie", draw: 0.4 }),
    ).toBe("« Nous travaillons avec quelqu'un. » (mobile : sympathie)");
    expect(eventDetail("call", { draw: 0.4 })).toBeNull();
    expect(eventDetail("delivery_incident", { incident: "damaged" })).toBe("Colis abîmé");
    expect(eventDetail("payment", { number: "FAC-1", late_days: 0 })).toBe("Facture FAC-1 payée à l'échéance");
    expect(eventDetail("payment", { number: "FAC-1", late_days: 20 })).toBe(
      "Facture FAC-1 payée avec 20 jours de retard",
    );
    expect(eventDetail("order", { number: "CMD-2026-00012" })).toBe("Commande CMD-2026-00012");
  });
});

describe("format", () => {
  it("writes the clock, the run counts and the figures in French", () => {
    expect(clockSentence({ today: "2026-09-14", days_left: 3 })).toBe(
      "Jour simulé : lundi 14 septembre 2026 — 3 jours restants",
    );
    expect(daysLeft(1)).toBe("1 jour restant");
    expect(daysLeft(0)).toBe("dernier jour");
    expect(runCounts({ not_started: 2, submitted: 1 })).toBe("2 non démarrés, 1 rendu");
    expect(runCounts({})).toBe("aucun parcours");
    expect(probability(0.1234).replace(/\s/g, " ")).toBe("12,3 %");
    expect(factor(1.15)).toBe("× 1,15");
    expect(metricValue(50, { unit: "%" })).toBe("50 %");
    expect(metricValue(4, { unit: "nombre" })).toBe("4");
    expect(metricValue(null)).toBe("—");
    expect(attainment(0.0333).replace(/\s/g, " ")).toBe("3 %");
  });
});
