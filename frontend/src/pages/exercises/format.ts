// How the exercise pages write their figures: a simulated day in words, the run counts of an
// exercise, a probability, a factor, a metric's value and an objective's attainment.
import type { ExerciseRunOut, MetricOut, Schemas } from "../../api/types";
import { RUN_STATUS_COUNTS } from "../../labels/exercises";

/** « lundi 14 septembre 2026 » for an ISO day (read as that calendar day, whatever the time zone). */
export function longDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d).toLocaleDateString("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** « 14/09/2026 » for an ISO day. */
export function shortDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d).toLocaleDateString("fr-FR");
}

/** « 3 jours restants », « dernier jour ». */
export function daysLeft(days: number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  if (days <= 0) return "dernier jour";
  return days === 1 ? "1 jour restant" : `${days} jours restants`;
}

/** « Jour simulé : lundi 14 septembre 2026 — 3 jours restants ». */
export function clockSentence(run: Pick<ExerciseRunOut, "today" | "days_left">): string {
  return `Jour simulé : ${longDay(run.today)} — ${daysLeft(run.days_left)}`;
}

const ORDER: Schemas["RunStatus"][] = ["not_started", "running", "submitted", "closed"];

/** « 2 non démarrés, 1 en cours » (none: « aucun parcours »). */
export function runCounts(runs: Record<string, number>): string {
  const parts = ORDER.filter((s) => (runs[s] ?? 0) > 0).map((s) => {
    const n = runs[s];
    return `${n} ${RUN_STATUS_COUNTS[s][n > 1 ? 1 : 0]}`;
  });
  return parts.length ? parts.join(", ") : "aucun parcours";
}

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** A probability (0..1) as « 12,3 % ». */
export function probability(p: number): string {
  return percent.format(p);
}

/** A factor as « × 1,15 ». */
export function factor(value: number): string {
  return `× ${decimal.format(value)}`;
}

/** A number in French (« 1 234,5 »). */
export function number(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  return Number.isFinite(n) ? decimal.format(n) : String(value);
}

/** A metric's value with its unit (« 50 % », « 120 € HT », « 4 »). */
export function metricValue(value: number | string | null | undefined, metric?: Pick<MetricOut, "unit">): string {
  const shown = number(value);
  if (shown === "—" || !metric || metric.unit === "nombre") return shown;
  return `${shown} ${metric.unit}`;
}

/** An objective's attainment (value ÷ target, 1 = reached) as « 33 % ». */
export function attainment(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 }).format(value);
}
