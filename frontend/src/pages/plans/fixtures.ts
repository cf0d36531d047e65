// The plan tests' answers, as the API gives them (GET /plans/{id}, its progress and
// findings, the metric registry, the business case version): one plan under the
// repository's example case, a quarter with an objective split by month.
import example from "../../../../tests/data/business_case_example.json";
import { ok } from "../../test-utils";

export const METRICS = [
  {
    code: "contacts",
    label: "Contacts émis",
    unit: "nombre",
    kind: "count",
    value_type: "integer",
    higher_is_better: true,
    competence: "CP3",
    description: "Interactions sortantes survenues dans la période.",
    numerator: null,
    denominator: null,
  },
  {
    code: "km_driven",
    label: "Km parcourus",
    unit: "km",
    kind: "sum",
    value_type: "decimal",
    higher_is_better: false,
    competence: "CP2",
    description: "Kilomètres du carnet de route.",
    numerator: null,
    denominator: null,
  },
];

const objective = (o: Record<string, unknown>) => ({
  plan_id: 8,
  parent_id: null,
  metric_code: "contacts",
  target: "30.00",
  success_criterion: "",
  weight: 1,
  dimension: null,
  slice_key: null,
  ...o,
});

export const OBJECTIVES = [
  objective({ id: 1, label: "Contacts émis", position: 0 }),
  objective({
    id: 2,
    parent_id: 1,
    label: "Contacts émis — décembre 2026",
    dimension: "month",
    slice_key: "2026-12",
    target: "10.00",
    position: 1,
  }),
  objective({
    id: 3,
    parent_id: 1,
    label: "Contacts émis — janvier 2027",
    dimension: "month",
    slice_key: "2027-01",
    target: "10.00",
    position: 2,
  }),
  objective({
    id: 4,
    parent_id: 1,
    label: "Contacts émis — février 2027",
    dimension: "month",
    slice_key: "2027-02",
    target: "5.00",
    position: 3,
  }),
  objective({
    id: 5,
    label: "Maîtriser l'argumentaire",
    metric_code: null,
    target: null,
    success_criterion: "Trois démonstrations réussies",
    position: 4,
  }),
];

export const ACTION = {
  id: 3,
  plan_id: 8,
  title: "Phoning des commerces",
  kind: "phoning",
  starts_on: "2026-12-07",
  ends_on: "2026-12-18",
  segment_code: "commerces-proximite",
  product_family: null,
  hours: "12.00",
  budget: "0.00",
  km: "0.0",
  discount_pct: "5.00",
  notes: "",
  contributions: [{ objective_id: 1, expected: "30.00" }],
  campaigns: [{ kind: "campaign", id: 4, label: "Relance des commerces", href: "/prospects/campagnes/4" }],
  tours: [],
};

export const PLAN = {
  id: 8,
  owner_id: 13,
  owner_name: "Théo Benali",
  title: "Plan du trimestre",
  business_case_version_id: 11,
  business_case_id: 4,
  business_case_name: "Rhône Télécom Services",
  business_case_version: 1,
  period_kind: "quarter",
  starts_on: "2026-12-01",
  ends_on: "2027-02-28",
  status: "draft",
  revision: 1,
  revision_of_id: null,
  notes: "",
  submitted_at: null,
  decided_at: null,
  decided_by_id: null,
  decision_comment: "",
  version: 2,
  created_at: "2026-12-01T08:00:00Z",
  updated_at: "2026-12-06T08:00:00Z",
  objectives: OBJECTIVES,
  actions: [ACTION],
};

const progress = (o: Record<string, unknown>) => ({
  parent_id: null,
  metric_code: "contacts",
  unit: "nombre",
  dimension: null,
  slice_key: null,
  period_start: "2026-12-01",
  period_end: "2027-02-28",
  target: "30.00",
  actual: null,
  gap: null,
  share: null,
  note: "",
  ...o,
});

export const PROGRESS = [
  progress({
    objective_id: 1,
    label: "Contacts émis",
    actual: "12.00",
    gap: "-18.00",
    share: "40.00",
    status: "behind",
  }),
  progress({
    objective_id: 2,
    parent_id: 1,
    label: "Contacts émis — décembre 2026",
    dimension: "month",
    slice_key: "2026-12",
    target: "10.00",
    actual: "12.00",
    share: "120.00",
    status: "reached",
  }),
  progress({
    objective_id: 3,
    parent_id: 1,
    label: "Contacts émis — janvier 2027",
    dimension: "month",
    slice_key: "2027-01",
    target: "10.00",
    status: "not_measured",
    note: "Période à venir.",
  }),
  progress({
    objective_id: 5,
    label: "Maîtriser l'argumentaire",
    metric_code: null,
    unit: null,
    target: null,
    status: "qualitative",
    note: "Trois démonstrations réussies",
  }),
];

export const FINDINGS = [
  {
    code: "decomposition_mismatch",
    check: "decomposition",
    criterion: "CP2.5",
    severity: "warning",
    message:
      "« Contacts émis » par mois : les 3 sous-objectifs totalisent 25.00 pour une cible de 30.00. La soumission sera refusée tant que les sommes ne tombent pas juste.",
    figures: { objective_id: 1, label: "Contacts émis", dimension: "month", sum: "25.00", target: "30.00", slices: 3 },
    links: [],
  },
  {
    code: "coverage_ok",
    check: "activities",
    criterion: "CP2.5",
    severity: "info",
    message: "« Contacts émis » : les actions prévues apportent 30.00 pour une cible de 30.00 (100.0 %).",
    figures: { objective_id: 1, expected: "30.00", target: "30.00", coverage_pct: "100.0" },
    links: [{ kind: "plan_action", id: 3, label: "Phoning des commerces", href: "#action-3" }],
  },
  {
    code: "targeting_outside",
    check: "targeting",
    criterion: "CP2.2",
    severity: "warning",
    message: "Campagne « Relance des commerces » : 3 membre(s) sur 4 dans les segments du plan (75.0 %).",
    figures: {
      campaign_id: 4,
      members: 4,
      inside: 3,
      share_pct: "75.0",
      segments: ["commerces-proximite"],
      outside_ids: [55],
    },
    links: [
      { kind: "campaign", id: 4, label: "Relance des commerces", href: "/prospects/campagnes/4" },
      { kind: "prospect", id: 55, label: "Garage Martin", href: "/prospects/55" },
    ],
  },
];

/** The mocked client's GET: each route's answer, the plan's overridable. */
export function planAnswers(plan: Record<string, unknown> = {}) {
  const answers: Record<string, unknown> = {
    "/api/v1/plans/{plan_id}": { ...PLAN, ...plan },
    "/api/v1/plans/{plan_id}/progress": PROGRESS,
    "/api/v1/plans/{plan_id}/findings": FINDINGS,
    "/api/v1/metrics": METRICS,
    "/api/v1/business-cases/{case_id}/versions/{number}": {
      id: 11,
      business_case_id: 4,
      number: 1,
      published_at: "2026-07-30T12:25:00Z",
      published_by_id: 2,
      document: example,
    },
    "/api/v1/campaigns": {
      items: [
        { id: 4, name: "Relance des commerces" },
        { id: 5, name: "Salon Lyon" },
      ],
      total: 2,
    },
    "/api/v1/tours": { items: [{ id: 9, name: "Semaine du 7/12", first_day: "2026-12-07" }], total: 1 },
  };
  return (path: string) => Promise.resolve(ok(answers[path] ?? null));
}
