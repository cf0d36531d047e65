// The shapes of the analysis's figures and of the cohort dashboard: the OpenAPI document types
// them as open maps (plain data computed on every read), so the client names what it reads.
// Decimals arrive as strings, counts as numbers; `num` reads either.
import type { AnalysisFigures, Schemas } from "../../api/types";
import type { ObjectiveStatus } from "../../labels/analyses";

/** A figure of the API: a decimal as text, a count, or nothing. */
export type Num = string | number | null;

export function num(value: Num | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export interface Period {
  start: string;
  end: string;
  days: number;
  working_days: number;
  previous_start: string;
  previous_end: string;
  cohort_size: number;
}

export interface ObjectiveFigure {
  objective_id: number;
  parent_id: number | null;
  label: string;
  metric_code: string | null;
  unit: string | null;
  dimension: string | null;
  slice_key: string | null;
  target: Num;
  due: Num;
  actual: Num;
  gap: Num;
  gap_pct: Num;
  status: ObjectiveStatus;
  note?: string;
}

export interface FunnelStage {
  stage: string;
  metric_code: string;
  label: string;
  value: Num;
  previous: Num;
  cohort_median: Num;
  conversion: Num;
  previous_conversion: Num;
  cohort_conversion: Num;
}

export interface TimeShare {
  code: string;
  label: string;
  minutes: number;
  hours: Num;
  share: Num;
}

export interface PlanActionDone {
  id: number;
  title: string;
  kind: string;
  starts_on: string;
  ends_on: string;
  due: boolean;
  done: boolean;
}

export interface Activity {
  time: TimeShare[];
  total_hours: Num;
  working_days: number;
  contacts_per_day: Num;
  visits_per_day: Num;
  km_per_visit: Num;
  co2_per_visit: Num;
  km_per_order: Num;
  co2_per_order: Num;
  actions_due: number;
  actions_done: number;
  actions_done_share: Num;
  actions: PlanActionDone[];
}

export interface ParetoRow {
  key: string;
  label: string;
  amount: Num;
  share: Num;
  cumulative: Num;
  class: "A" | "B" | "C";
}

export interface Pareto {
  rows: ParetoRow[];
  total: Num;
  count: number;
  top20_share: Num;
  hhi: Num;
}

export interface TrendMetric {
  code: string;
  label: string;
  unit: string;
  competence?: string;
  higher_is_better: boolean;
  value: Num;
  previous: Num;
  change: Num;
  change_pct: Num;
}

export interface TrendMonth {
  start: string;
  end: string;
  values: Record<string, Num>;
}

export interface Effect {
  action_id: number;
  title: string;
  from_analysis: string;
  deadline: string;
  indicator: string | null;
  baseline: Num;
  now: Num;
  expected: Num;
  reached: boolean | null;
}

export interface Figures {
  analysis_id: number;
  computed_at: string;
  period: Period;
  plan: { id: number; title: string } | null;
  objectives: ObjectiveFigure[];
  funnel: { stages: FunnelStage[]; overall_conversion: Num };
  activity: Activity;
  pareto: { customers: Pareto; families: Pareto };
  trend: { metrics: TrendMetric[]; months: TrendMonth[] };
  effects: Effect[];
}

export function figuresOf(raw: AnalysisFigures): Figures {
  return raw as unknown as Figures;
}

// --------------------------------------------------------------------------- dashboard

export interface DashboardMetric {
  code: string;
  label: string;
  unit: string;
  higher_is_better: boolean;
}

export interface DashboardTrainee {
  trainee_id: number;
  full_name: string;
  values: Record<string, Num>;
  plan: { id: number; title: string; status: string } | null;
  objectives_measured: number;
  objectives_on_track: number;
  attainment: Num;
  behind_on: { label: string; actual: Num; target: Num }[];
  latest_analysis_id: number | null;
}

export interface Distribution {
  min?: Num;
  q1?: Num;
  median?: Num;
  q3?: Num;
  max?: Num;
  count: number;
}

export interface Dashboard {
  cohort_id: number;
  start: string;
  end: string;
  metrics: DashboardMetric[];
  trainees: DashboardTrainee[];
  distributions: Record<string, Distribution>;
  behind: { trainee_id: number; full_name: string; reasons: string[] }[];
  queue: Schemas["QueueItem"][];
}

export function dashboardOf(raw: Schemas["DashboardOut"]): Dashboard {
  return raw as unknown as Dashboard;
}
