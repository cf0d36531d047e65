// The exercise tests' answers, as the API gives them: the seeded phoning exercise (version 3,
// published, not started), its runs and results, the market's parameter schema (two groups),
// the metric registry, a trainee's run and the market's answers.
export const MARKET = {
  population: 200,
  calls: { reach_rate: 0.28, hours_company: { h08_10: 1.15 } },
};

export const MARKET_SCHEMA = {
  $defs: {
    CallParameters: {
      description: "Outbound calls",
      properties: {
        reach_rate: {
          default: 0.28,
          description: "Taux de décroché de base d'un appel (un humain répond)",
          maximum: 1,
          minimum: 0,
          type: "number",
        },
        hours_company: { $ref: "#/$defs/HourBands", description: "Décroché par tranche horaire (entreprises)" },
      },
    },
    HourBands: {
      properties: {
        h08_10: {
          default: 1.15,
          description: "Multiplicateur de décroché entre 8 h et 10 h",
          maximum: 5,
          minimum: 0,
          type: "number",
        },
      },
    },
  },
  properties: {
    population: {
      default: 200,
      description: "Nombre de personnes simulées",
      maximum: 10000,
      minimum: 1,
      type: "integer",
    },
    calls: { $ref: "#/$defs/CallParameters", description: "Modèle des appels" },
  },
};

export const EXERCISE = {
  id: 1,
  title: "Campagne de phoning sous la règle de consentement 2026",
  instructions: "## Votre mission\n\nVous prospectez pendant **dix jours simulés**.",
  business_case_id: 4,
  objectives: [
    { metric: "appointments_taken", target: "15", label: "Rendez-vous pris" },
    { metric: "contacts", target: "120", label: "Contacts émis" },
  ],
  competences: ["CP3", "CP3.1"],
  starts_on: null,
  days: 10,
  clock_mode: "on_request",
  market: MARKET,
  seed: 2021001,
  requires_note: false,
  template_key: "phoning-2026",
  status: "published",
  version: 3,
  created_by_id: 2,
  published_at: "2026-12-07T18:51:21Z",
  closed_at: null,
  created_at: "2026-12-07T18:51:21Z",
  updated_at: "2026-12-07T18:51:21Z",
  runs: { not_started: 2 },
};

export const METRICS = [
  {
    code: "appointments_taken",
    label: "Rendez-vous pris",
    unit: "nombre",
    kind: "count",
    value_type: "integer",
    higher_is_better: true,
    competence: "CP3",
    description: "",
    numerator: null,
    denominator: null,
  },
  {
    code: "contacts",
    label: "Contacts émis",
    unit: "nombre",
    kind: "count",
    value_type: "integer",
    higher_is_better: true,
    competence: "CP3",
    description: "",
    numerator: null,
    denominator: null,
  },
  {
    code: "reach_rate",
    label: "Taux de joignabilité",
    unit: "%",
    kind: "ratio",
    value_type: "decimal",
    higher_is_better: true,
    competence: "CP3",
    description: "",
    numerator: "contacts_reached",
    denominator: "contacts",
  },
];

export function run(extra: Record<string, unknown> = {}) {
  return {
    id: 3,
    exercise_id: 1,
    exercise_title: EXERCISE.title,
    trainee_id: 9,
    trainee_name: "Maxime Martin",
    status: "running",
    starts_on: "2026-12-07",
    today: "2026-12-07",
    ends_on: "2026-12-16",
    days_left: 9,
    started_at: "2026-12-07T18:52:17Z",
    submitted_at: null,
    closed_at: null,
    people: 200,
    advance_total: 0,
    advance_done: 0,
    version: 2,
    ...extra,
  };
}

export const page = <T>(items: T[], total = items.length) => ({ items, total, limit: 50, offset: 0 });

export const RESULTS = {
  exercise_id: 1,
  title: EXERCISE.title,
  runs: [
    {
      run_id: 3,
      trainee_id: 9,
      trainee_name: "Maxime Martin",
      status: "submitted",
      starts_on: "2026-12-07",
      today: "2026-12-08",
      metrics: { appointments_taken: 1, contacts: 4, reach_rate: 50 },
      objectives: [
        { metric: "appointments_taken", label: "Rendez-vous pris", target: "15", value: 1, attainment: 0.0667 },
        { metric: "contacts", label: "Contacts émis", target: "120", value: 4, attainment: 0.0333 },
      ],
      evidence: { CP3: 4, "CP3.1": 4 },
      note: null,
      market: { "call:no_answer": 2, "call:appointment": 1, "email:ignored": 1 },
    },
  ],
};

export const COMPANY = {
  id: 1973,
  name: "Filia",
  kind: "company",
  city: "Annecy",
  status: "suspect",
  next_contact_on: null,
  tags: ["marché simulé"],
};

export const CONSUMER = {
  id: 1981,
  name: "Alexandre Clément",
  kind: "individual",
  city: "Annecy",
  status: "suspect",
  next_contact_on: null,
  tags: ["marché simulé"],
};

export const ANSWER = {
  outcome: "appointment",
  outcome_label: "Rendez-vous pris",
  interaction_id: 7373,
  appointment_id: 55,
  event_id: 1,
  day: "2026-12-07",
  probabilities: { no_answer: 0.6, gatekeeper: 0.1, appointment: 0.05, not_interested: 0.25 },
  factors: [
    { code: "hour_band", label: "Tranche horaire de l'appel", value: 1.2 },
    { code: "script", label: "Script d'appel validé", value: 1 },
  ],
  objection_motive: null,
  criteria: ["CP3.7", "CP3.1", "CP3.2"],
};
