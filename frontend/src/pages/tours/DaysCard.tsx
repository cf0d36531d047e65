// The plan request's days and hours (a date, a start and an end per day, with the server's
// errors beside each), then its options (<PlanOptions>) in the same card.
import type { ReactNode } from "react";
import { Field } from "../../components/ui";
import type { DraftDay } from "./draft";

export function DaysCard(props: {
  days: DraftDay[];
  /** days[i] → field → message, as sortErrors sorts them */
  errors: Record<number, Record<string, string>>;
  /** The error on the days as a whole (a date twice, too many days…). */
  daysError?: string;
  canAddDay: boolean;
  setDay: (index: number, change: Partial<DraftDay>) => void;
  addDay: () => void;
  removeDay: (index: number) => void;
  /** The options below the days. */
  children?: ReactNode;
}) {
  const { days } = props;
  return (
    <section className="card tour-days" aria-labelledby="tour-days-title">
      <h2 id="tour-days-title">Journées et horaires</h2>
      {days.map((day, index) => {
        const e = props.errors[index] ?? {};
        const n = days.length > 1 ? ` du jour ${index + 1}` : "";
        return (
          <fieldset key={index} className="day-row" style={{ border: "none", padding: 0, margin: "0 0 0.5rem" }}>
            <legend className="sr-only">Jour {index + 1}</legend>
            <Field label={`Date${n}`} error={e.date} required>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={day.date}
                  onChange={(ev) => props.setDay(index, { date: ev.target.value })}
                />
              )}
            </Field>
            <Field label={`Début${n}`} error={e.start_time}>
              {(p) => (
                <input
                  {...p}
                  type="time"
                  value={day.startTime}
                  onChange={(ev) => props.setDay(index, { startTime: ev.target.value })}
                />
              )}
            </Field>
            <Field label={`Fin${n}`} error={e.end_time}>
              {(p) => (
                <input
                  {...p}
                  type="time"
                  value={day.endTime}
                  onChange={(ev) => props.setDay(index, { endTime: ev.target.value })}
                />
              )}
            </Field>
            {days.length > 1 && (
              <button type="button" onClick={() => props.removeDay(index)}>
                Retirer le jour {index + 1}
              </button>
            )}
          </fieldset>
        );
      })}
      {props.daysError && <p className="field-error">{props.daysError}</p>}
      <button type="button" onClick={() => props.addDay()} disabled={!props.canAddDay}>
        Ajouter une journée
      </button>
      {props.children}
    </section>
  );
}
