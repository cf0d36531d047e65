// The note tests' answers, as the API gives them (trimmed from the demo's): Lucas Nguyen's note
// with a submitted version and a tutor's comment, the queue, the cohort dashboard.

export const BODY =
  "## Contexte et période\n\nNote de Lucas Nguyen sur novembre.\n\n## Causes\n\n- Trop peu d'appels le matin.\n";

export const NOTE = {
  id: 2,
  analysis_id: 2,
  owner_id: 5,
  owner_name: "Lucas Nguyen",
  title: "Note de synthèse — novembre",
  body: BODY,
  status: "submitted",
  versions_count: 1,
  submitted_at: "2026-12-07T05:00:00Z",
  updated_at: "2026-12-07T05:00:00Z",
  version: 3,
  charts: ["objectives", "funnel", "trend", "pareto"],
  advice: [
    { code: "length", ok: false, message: "12 mots : une note se lit en quelques minutes (150 à 1200 mots)." },
    { code: "structure", ok: true, message: "Toutes les parties attendues sont présentes." },
  ],
};

export const VERSION = {
  id: 9,
  note_id: 2,
  number: 1,
  title: "Note de synthèse — novembre",
  body: BODY,
  submitted_at: "2026-12-07T05:00:00Z",
  comments_count: 1,
  read_by_me: false,
};

export const COMMENT = {
  id: 3,
  version_id: 9,
  author_id: 3,
  author_name: "Marc Lemaire",
  author_role: "tutor",
  quote: "Trop peu d'appels le matin.",
  start: BODY.indexOf("Trop peu"),
  end: BODY.indexOf("Trop peu") + "Trop peu d'appels le matin.".length,
  body: "Le matin, nos clients sont en chantier : essayez 13 h.",
  created_at: "2026-12-07T06:00:00Z",
};

export const PREVIEW = {
  note_id: 2,
  version: 3,
  html: '<h3>Contexte et période</h3><p><span class="chart" role="img" aria-label="Objectifs et réalisations"><svg viewBox="0 0 10 10"><title>Objectifs et réalisations</title></svg></span></p>',
};

export const QUEUE_ITEM = {
  note_id: 1,
  analysis_id: 1,
  trainee_id: 7,
  trainee_name: "Amandine Garcia",
  title: "Note de synthèse — Analyse du 01/11/2026 au 30/11/2026",
  number: 1,
  submitted_at: "2026-12-07T04:50:00Z",
  starts_on: "2026-11-01",
  ends_on: "2026-11-30",
};

export const DASHBOARD = {
  cohort_id: 1,
  start: "2026-11-01",
  end: "2026-11-30",
  metrics: [
    { code: "contacts", label: "Contacts émis", unit: "nombre", higher_is_better: true },
    { code: "reach_rate", label: "Taux de joignabilité", unit: "%", higher_is_better: true },
  ],
  trainees: [
    {
      trainee_id: 7,
      full_name: "Amandine Garcia",
      values: { contacts: 125, reach_rate: "53.6" },
      plan: { id: 3, title: "PAC de novembre 2026", status: "validated" },
      objectives_measured: 5,
      objectives_on_track: 2,
      attainment: "40.0",
      behind_on: [{ label: "Contacts émis", actual: "125.00", target: "169.00" }],
      latest_analysis_id: 1,
    },
    {
      trainee_id: 8,
      full_name: "Awa Durand",
      values: { contacts: 103, reach_rate: "73.8" },
      plan: null,
      objectives_measured: 0,
      objectives_on_track: 0,
      attainment: null,
      behind_on: [],
      latest_analysis_id: null,
    },
  ],
  distributions: {
    contacts: { min: "68.0", q1: "83.5", median: "99.5", q3: "105.5", max: "125.0", count: 12 },
    reach_rate: { min: "53.6", q1: "65.3", median: "68.9", q3: "72.2", max: "80.2", count: 12 },
    attainment: { count: 0 },
  },
  behind: [
    {
      trainee_id: 7,
      full_name: "Amandine Garcia",
      reasons: ["objectifs en retard : Contacts émis, Devis envoyés"],
    },
  ],
  queue: [QUEUE_ITEM],
};
