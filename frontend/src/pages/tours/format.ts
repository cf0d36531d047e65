// Figures of a tour in French: km, durations, CO2, clock times and the saving sentence.
import type { Totals, Savings } from "../../api/types";

const MINUS = "\u2212";

export function fmtNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function fmtKm(km: number): string {
  return `${fmtNumber(km)} km`;
}

export function fmtCo2(kg: number): string {
  return `${fmtNumber(kg)} kg CO₂`;
}

/** 45 → "45 min", 108 → "1 h 48", 120 → "2 h". */
export function fmtDuration(minutes: number): string {
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, "0")}`;
}

/** The local clock time the server wrote ("2026-12-01T12:45:00+01:00" → "12:45"), whatever the browser's zone. */
export function clock(iso: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[1]}:${match[2]}` : iso;
}

/** Minutes between two ISO date-times. */
export function minutesBetween(from: string, to: string): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / 60000;
}

/** A date ("2026-12-01") as "mardi 1 décembre 2026". */
export function longDate(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The saving of a plan against a baseline (baseline − plan), as the API computes it. */
export function savingsOf(plan: Totals, baseline: Totals): Savings {
  const km = baseline.km - plan.km;
  return {
    km,
    co2_kg: baseline.co2_kg - plan.co2_kg,
    percent: baseline.km > 0 ? (km / baseline.km) * 100 : 0,
  };
}

function signed(value: number, digits = 1): string {
  const text = fmtNumber(Math.abs(value), digits);
  return value < 0 ? `+${text}` : `${MINUS}${text}`;
}

/** "−12,4 km (−18 %) et −1,8 kg CO₂ par rapport à votre ordre" (a saving is shown as a minus);
 * `whose` names the order for a reader who is not its trainee ("son ordre"). */
export function savingSentence(savings: Savings, whose = "votre"): string {
  if (Math.abs(savings.km) < 0.05 && Math.abs(savings.co2_kg) < 0.05) {
    return `Même distance que ${whose} ordre : il était déjà le plus court.`;
  }
  return `${signed(savings.km)} km (${signed(savings.percent)} %) et ${signed(savings.co2_kg)} kg CO₂ par rapport à ${whose} ordre`;
}

/** True when the plan drives less than the trainee's order. */
export function isSaving(savings: Savings): boolean {
  return savings.km >= 0.05;
}

/** The saving of a saved tour's summary (strings of decimals): CO2 = km × the mode's factor. */
export function summarySavings(summary: { total_km: string; baseline_km: string; co2_total_kg: string }): Savings {
  const total = Number(summary.total_km);
  const baseline = Number(summary.baseline_km);
  const co2 = Number(summary.co2_total_kg);
  const km = baseline - total;
  const factor = total > 0 ? co2 / total : 0;
  return { km, co2_kg: km * factor, percent: baseline > 0 ? (km / baseline) * 100 : 0 };
}
