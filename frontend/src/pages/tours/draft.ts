// The planner's form: its state, the request it sends (TourPlanIn), the server's field errors
// sorted back onto its days and visits, and a draft rebuilt from a saved tour.
import type { TourPlanIn, TourPlanOut, TransportMode, VisitIn } from "../../api/types";
import { clock, minutesBetween } from "./format";

export interface DraftDay {
  date: string; // YYYY-MM-DD
  startTime: string; // HH:MM
  endTime: string;
}

export interface DraftVisit {
  key: string;
  kind: "prospect" | "appointment" | "place";
  prospectId: number | null;
  appointmentId: number | null;
  latitude: number | null;
  longitude: number | null;
  label: string;
  detail: string;
  duration: string; // minutes; "" = the API's default (the appointment's, else DEFAULT_VISIT_MINUTES)
  priority: number; // 1..5
}

export interface Draft {
  name: string;
  mode: TransportMode;
  days: DraftDay[];
  visits: DraftVisit[];
  lunch: boolean;
  lunchStart: string;
  lunchEnd: string;
  lunchDuration: string;
  maxDriving: string;
}

/** A visit's length when neither the trainee nor its appointment gives one: the server's own
 * default (VisitIn.duration_minutes, "sinon 45 min" in the API's schema, which has it in
 * words only). draft.test.ts checks both against src/api/openapi.json. */
export const DEFAULT_VISIT_MINUTES = 45;
/** The lunch break's length unless the trainee changes it (LunchIn.duration_minutes' default). */
export const DEFAULT_LUNCH_MINUTES = 45;

export const DEFAULT_START = "08:30";
export const DEFAULT_END = "18:00";

function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The next weekday after `today` (Friday → Monday). */
export function nextWorkingDay(today: Date, after?: string): string {
  const base = after ? new Date(`${after}T12:00:00`) : today;
  const next = new Date(base.getFullYear(), base.getMonth(), base.getDate() + 1, 12);
  while (next.getDay() === 0 || next.getDay() === 6) next.setDate(next.getDate() + 1);
  return isoDay(next);
}

export function newDay(date: string): DraftDay {
  return { date, startTime: DEFAULT_START, endTime: DEFAULT_END };
}

export function emptyDraft(today: Date = new Date()): Draft {
  return {
    name: "",
    mode: "car",
    days: [newDay(nextWorkingDay(today))],
    visits: [],
    lunch: true,
    lunchStart: "12:00",
    lunchEnd: "14:00",
    lunchDuration: String(DEFAULT_LUNCH_MINUTES),
    maxDriving: "",
  };
}

export function prospectVisit(p: { id: number; name: string; detail?: string }): DraftVisit {
  return {
    key: `p-${p.id}`,
    kind: "prospect",
    prospectId: p.id,
    appointmentId: null,
    latitude: null,
    longitude: null,
    label: p.name,
    detail: p.detail ?? "",
    duration: "",
    priority: 3,
  };
}

export function appointmentVisit(a: { id: number; prospectId: number; label: string; detail: string }): DraftVisit {
  return {
    key: `a-${a.id}`,
    kind: "appointment",
    prospectId: a.prospectId,
    appointmentId: a.id,
    latitude: null,
    longitude: null,
    label: a.label,
    detail: a.detail,
    duration: "",
    priority: 5,
  };
}

/** Move the visit at `index` by `delta` places (the order is the trainee's own, the baseline). */
export function moveVisit<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item);
  return out;
}

const withSeconds = (time: string) => (/^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time);

function optionalInt(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value) : null;
}

export function toVisitIn(visit: DraftVisit): VisitIn {
  const out: VisitIn = { priority: visit.priority };
  if (visit.kind === "appointment") out.appointment_id = visit.appointmentId;
  else if (visit.kind === "prospect") out.prospect_id = visit.prospectId;
  else {
    out.latitude = visit.latitude;
    out.longitude = visit.longitude;
    out.label = visit.label || null;
  }
  const duration = optionalInt(visit.duration);
  if (duration !== null) out.duration_minutes = duration;
  return out;
}

/** The request of a draft: visits in the trainee's order (the baseline), days with their hours. */
export function toRequest(draft: Draft): TourPlanIn {
  return {
    name: draft.name.trim() || null,
    mode: draft.mode,
    days: draft.days.map((day) => ({
      date: day.date,
      start_time: day.startTime ? withSeconds(day.startTime) : null,
      end_time: day.endTime ? withSeconds(day.endTime) : null,
    })),
    visits: draft.visits.map(toVisitIn),
    lunch: draft.lunch
      ? {
          start: withSeconds(draft.lunchStart),
          end: withSeconds(draft.lunchEnd),
          duration_minutes: optionalInt(draft.lunchDuration) ?? DEFAULT_LUNCH_MINUTES,
        }
      : null,
    max_driving_minutes: optionalInt(draft.maxDriving),
  };
}

export interface SortedErrors {
  /** days[i].field → message, per day */
  days: Record<number, Record<string, string>>;
  /** visits[i]… → message, per visit */
  visits: Record<number, string>;
  /** everything else, by the server's field name ("lunch.end", "max_driving_minutes", "days"…) */
  other: Record<string, string>;
}

/** The server's field errors ("days[0].end_time", "visits[2].windows[0].end", "lunch.end") sorted by row. */
export function sortErrors(fieldErrors: Record<string, string>): SortedErrors {
  const out: SortedErrors = { days: {}, visits: {}, other: {} };
  for (const [field, message] of Object.entries(fieldErrors)) {
    const day = /^days\[(\d+)\]\.?(.*)$/.exec(field);
    const visit = /^visits\[(\d+)\]/.exec(field);
    if (day) {
      const index = Number(day[1]);
      const sub = day[2] || "date";
      out.days[index] = { ...out.days[index], [sub]: out.days[index]?.[sub] ?? message };
    } else if (visit) {
      const index = Number(visit[1]);
      out.visits[index] ??= message;
    } else {
      out.other[field] = message;
    }
  }
  return out;
}

export interface AddedProspect {
  prospectId: number;
  name: string;
  dayIndex: number;
  insertPosition: number;
}

/**
 * A draft rebuilt from a saved tour, to plan it again: its days (dates, departure time), its
 * visits in the planned order (that order becomes the baseline), those left out after them, and
 * `added` inserted where the suggestion puts it. Windows other than appointments' are not kept
 * by the saved plan, so they are lost.
 */
export function draftFromPlan(plan: TourPlanOut, added?: AddedProspect): Draft {
  const draft = emptyDraft();
  draft.name = plan.name;
  draft.mode = plan.mode;
  draft.days = plan.days.map((day) => ({ date: day.date, startTime: clock(day.departure), endTime: DEFAULT_END }));
  const visits: DraftVisit[] = [];
  plan.days.forEach((day, dayIndex) => {
    const dayVisits: DraftVisit[] = day.stops
      .filter((stop) => stop.kind === "visit")
      .map((stop) => {
        const visit: DraftVisit =
          stop.appointment_id != null
            ? appointmentVisit({
                id: stop.appointment_id,
                prospectId: stop.prospect_id ?? 0,
                label: stop.label,
                detail: "Rendez-vous",
              })
            : stop.prospect_id != null
              ? prospectVisit({ id: stop.prospect_id, name: stop.label })
              : {
                  key: `c-${stop.latitude},${stop.longitude}`,
                  kind: "place",
                  prospectId: null,
                  appointmentId: null,
                  latitude: stop.latitude ?? null,
                  longitude: stop.longitude ?? null,
                  label: stop.label,
                  detail: "",
                  duration: "",
                  priority: 3,
                };
        visit.duration = String(Math.round(minutesBetween(stop.start, stop.departure)));
        return visit;
      });
    if (added && added.dayIndex === dayIndex) {
      const position = Math.max(0, Math.min(added.insertPosition, dayVisits.length));
      dayVisits.splice(
        position,
        0,
        prospectVisit({ id: added.prospectId, name: added.name, detail: "Suggestion ajoutée" }),
      );
    }
    visits.push(...dayVisits);
  });
  for (const left of plan.unassigned) {
    if (left.appointment_id != null) {
      visits.push(
        appointmentVisit({
          id: left.appointment_id,
          prospectId: left.prospect_id ?? 0,
          label: left.label,
          detail: "Rendez-vous",
        }),
      );
    } else if (left.prospect_id != null) {
      visits.push(prospectVisit({ id: left.prospect_id, name: left.label }));
    }
  }
  const seen = new Set<string>();
  draft.visits = visits.filter((v) => (seen.has(v.key) ? false : (seen.add(v.key), true)));
  return draft;
}
