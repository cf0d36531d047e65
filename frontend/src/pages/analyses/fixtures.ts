// The analysis tests' answers, as the API gives them (trimmed from the demo's): Lucas Nguyen's
// analysis of November 2026 against his plan, its figures, causes and corrective action (his
// note, the queue and the cohort dashboard: noteFixtures.ts).

export const ANALYSIS = {
  id: 2,
  owner_id: 5,
  owner_name: "Lucas Nguyen",
  title: "Analyse du 01/11/2026 au 30/11/2026",
  starts_on: "2026-11-01",
  ends_on: "2026-11-30",
  plan_id: 1,
  diagnosed_at: null,
  note_id: null,
  note_status: null,
  causes_confirmed: 0,
  actions_accepted: 0,
  created_at: "2026-12-07T03:51:59Z",
};

const objective = (o: Record<string, unknown>) => ({
  parent_id: null,
  unit: "nombre",
  dimension: null,
  slice_key: null,
  note: "",
  ...o,
});

const stage = (s: Record<string, unknown>) => ({
  conversion: null,
  previous_conversion: null,
  cohort_conversion: null,
  ...s,
});

export const FIGURES = {
  analysis_id: 2,
  computed_at: "2026-12-07T04:00:00Z",
  period: {
    start: "2026-11-01",
    end: "2026-11-30",
    days: 30,
    working_days: 21,
    previous_start: "2026-10-02",
    previous_end: "2026-10-31",
    cohort_size: 12,
  },
  plan: { id: 1, title: "PAC de novembre 2026" },
  objectives: [
    objective({
      objective_id: 11,
      label: "Contacts émis",
      metric_code: "contacts",
      target: "142.00",
      due: "142.00",
      actual: "105.00",
      gap: "-37.00",
      gap_pct: "-26.1",
      status: "behind",
    }),
    objective({
      objective_id: 12,
      label: "Rendez-vous pris",
      metric_code: "appointments_taken",
      target: "23.00",
      due: "23.00",
      actual: "26.00",
      gap: "3.00",
      gap_pct: "13.0",
      status: "reached",
    }),
    objective({
      objective_id: 13,
      label: "Commandes",
      metric_code: "orders_placed",
      target: "9.00",
      due: "9.00",
      actual: "8.00",
      gap: "-1.00",
      gap_pct: "-11.1",
      status: "close",
    }),
  ],
  funnel: {
    stages: [
      stage({
        stage: "suspects",
        metric_code: "prospects_added",
        label: "Prospects entrés au fichier",
        value: 1,
        previous: 7,
        cohort_median: "2.50",
      }),
      stage({
        stage: "contacted",
        metric_code: "contacts",
        label: "Contacts émis",
        value: 105,
        previous: 119,
        cohort_median: "99.50",
      }),
      stage({
        stage: "reached",
        metric_code: "contacts_reached",
        label: "Contacts aboutis",
        value: 74,
        previous: 87,
        cohort_median: "68.00",
        conversion: "70.5",
        previous_conversion: "73.1",
        cohort_conversion: "68.9",
      }),
    ],
    overall_conversion: "7.6",
  },
  activity: {
    time: [
      { code: "phone_minutes", label: "Téléphone", minutes: 597, hours: "9.95", share: "23.2" },
      { code: "written_minutes", label: "Écrits", minutes: 0, hours: "0.00", share: "0.0" },
    ],
    total_hours: "42.95",
    working_days: 21,
    contacts_per_day: "5.00",
    visits_per_day: "0.67",
    km_per_visit: "4.52",
    co2_per_visit: "0.64",
    km_per_order: null,
    co2_per_order: null,
    actions_due: 1,
    actions_done: 0,
    actions_done_share: "0.0",
    actions: [
      {
        id: 1,
        title: "Phoning de novembre 2026",
        kind: "phoning",
        starts_on: "2026-11-01",
        ends_on: "2026-11-30",
        due: true,
        done: false,
      },
    ],
  },
  pareto: {
    customers: {
      rows: [
        { key: "12", label: "Hôtel Colin", amount: "23800.00", share: "39.1", cumulative: "39.1", class: "A" },
        { key: "13", label: "Alexandra Dubois", amount: "28.00", share: "0.0", cumulative: "100.0", class: "C" },
      ],
      total: "60926.00",
      count: 2,
      top20_share: "39.1",
      hhi: "3014",
    },
    families: { rows: [], total: "0", count: 0, top20_share: null, hhi: null },
  },
  trend: {
    metrics: [
      {
        code: "contacts",
        label: "Contacts émis",
        unit: "nombre",
        higher_is_better: true,
        value: 105,
        previous: 119,
        change: "-14.00",
        change_pct: "-11.8",
      },
      {
        code: "unpaid_invoices",
        label: "Factures impayées",
        unit: "nombre",
        higher_is_better: false,
        value: 0,
        previous: 1,
        change: "-1.00",
        change_pct: "-100.0",
      },
      {
        code: "deliveries_delivered",
        label: "Livraisons livrées",
        unit: "nombre",
        higher_is_better: true,
        value: 0,
        previous: 0,
        change: "0.00",
        change_pct: null,
      },
    ],
    months: [{ start: "2026-11-01", end: "2026-11-30", values: { contacts: 105, unpaid_invoices: 0 } }],
  },
  effects: [],
};

export const CAUSE = {
  id: 4,
  analysis_id: 2,
  rule_code: "objective_behind",
  rule_label: "Objectif en retard",
  key: "objective:11",
  title: "Objectif en retard : Contacts émis",
  explanation: "Réalisé 105 pour 142 attendus à cette date (cible 142, écart -26,1 %).",
  criterion: "CP4.2",
  figures: { metric_code: "contacts", target: "142.00", actual: "105.00", gap_pct: "-26.1" },
  links: [{ kind: "plan_objective", id: 11, label: "Contacts émis", href: "/plans/1" }],
  status: "proposed",
  comment: "",
  decided_at: null,
  version: 1,
};

export const ACTION = {
  id: 1,
  analysis_id: 2,
  cause_id: 4,
  kind: "other",
  title: "Plan de rattrapage : Contacts émis",
  description: "Deux demi-journées de phoning de plus.",
  deadline: "2027-01-06",
  indicator: "contacts",
  baseline: "105",
  expected_value: "142.00",
  expected_effect: "Revenir à la cible de l'objectif.",
  hours: "500.00",
  budget: "0.00",
  segment_code: null,
  product_family: null,
  discount_pct: null,
  status: "proposed",
  accepted_at: null,
  plan_action_id: null,
  task_id: null,
  version: 2,
};

export const PLANS = {
  items: [
    { id: 2, title: "PAC de décembre 2026", status: "draft", starts_on: "2026-12-01", ends_on: "2026-12-31" },
    { id: 1, title: "PAC de novembre 2026", status: "validated", starts_on: "2026-11-01", ends_on: "2026-11-30" },
  ],
  total: 2,
  limit: 200,
  offset: 0,
};

export const CAPACITY_REFUSED = {
  type: "urn:capvente:problem:action-not-feasible",
  title: "Action corrective non réalisable",
  status: 409,
  detail: "Action non réalisable : Agenda trop chargé : 500.00 h à placer ; 134.9 h libres d'ici l'échéance.",
  checks: [
    {
      check: "capacity",
      ok: false,
      message: "Agenda trop chargé : 500.00 h à placer ; 134.9 h libres d'ici l'échéance.",
      figures: { hours: "500.00", free: "134.9" },
    },
  ],
};

export const FEASIBILITY = {
  action_id: 1,
  feasible: false,
  checks: [
    { check: "deadline", ok: true, message: "Échéance le 06/01/2027.", figures: {} },
    CAPACITY_REFUSED.checks[0],
    { check: "budget", ok: true, message: "Budget du plan suivant : 0 € engagés.", figures: {} },
  ],
};

export const page = (items: unknown[]) => ({ items, total: items.length, limit: 50, offset: 0 });
