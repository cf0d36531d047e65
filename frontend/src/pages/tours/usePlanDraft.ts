// The planner's draft (the form's values, one useForm) and its changes: a field, a day, a
// visit; days added in date order (at most MAX_DAYS, no date twice) or removed; visits added
// once, moved in the trainee's order or removed.
import { useForm } from "../../components/useForm";
import { moveVisit, newDay, nextWorkingDay, type Draft, type DraftDay, type DraftVisit } from "./draft";

export const MAX_DAYS = 14;

export function usePlanDraft(initial: () => Draft) {
  const { values: draft, set, setValues } = useForm<Draft>(initial);
  const setDay = (index: number, change: Partial<DraftDay>) =>
    setValues((d) => ({ ...d, days: d.days.map((day, i) => (i === index ? { ...day, ...change } : day)) }));
  const removeDay = (index: number) => setValues((d) => ({ ...d, days: d.days.filter((_, i) => i !== index) }));
  /** Adds `date`, or the next working day after the last one. */
  const addDay = (date?: string) =>
    setValues((d) => {
      if (d.days.length >= MAX_DAYS) return d;
      const sorted = [...d.days.map((x) => x.date)].sort();
      const next = date ?? nextWorkingDay(new Date(), sorted[sorted.length - 1]);
      if (d.days.some((x) => x.date === next)) return d;
      return { ...d, days: [...d.days, newDay(next)].sort((a, b) => a.date.localeCompare(b.date)) };
    });
  const setVisit = (index: number, change: Partial<DraftVisit>) =>
    setValues((d) => ({ ...d, visits: d.visits.map((v, i) => (i === index ? { ...v, ...change } : v)) }));
  const addVisit = (visit: DraftVisit) =>
    setValues((d) => (d.visits.some((v) => v.key === visit.key) ? d : { ...d, visits: [...d.visits, visit] }));
  const moveVisitBy = (index: number, delta: number) =>
    setValues((d) => ({ ...d, visits: moveVisit(d.visits, index, delta) }));
  const removeVisit = (index: number) => setValues((d) => ({ ...d, visits: d.visits.filter((_, i) => i !== index) }));
  return { draft, set, setDay, removeDay, addDay, setVisit, addVisit, moveVisit: moveVisitBy, removeVisit };
}
