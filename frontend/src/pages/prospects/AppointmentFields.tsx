// An appointment's when, how long and where: planned on its own (AppointmentForm) or taken
// during an exchange (InteractionForm), with the same rules and the same request body.
import type { Schemas as S } from "../../api/types";
import { Field } from "../../components/ui";
import { PastAppointmentCheck } from "./PastAppointment";

/** The form's values (strings, as the inputs hold them). */
export interface AppointmentValues {
  starts_at: string;
  duration_minutes: string;
  place: string;
  /** The appointment already took place (see PastAppointment.tsx). */
  past_record: boolean;
}

export const EMPTY_APPOINTMENT: AppointmentValues = {
  starts_at: "",
  duration_minutes: "60",
  place: "",
  past_record: false,
};

/** The appointment of an exchange's request body (also the fields of a planned one): an
 * hour by default, the record's address when no place is given. */
export function appointmentBody(a: AppointmentValues): S["AppointmentDraft"] {
  return {
    starts_at: a.starts_at ? new Date(a.starts_at).toISOString() : "",
    duration_minutes: a.duration_minutes.trim() ? Number(a.duration_minutes) : 60,
    place: a.place.trim() || null,
    past_record: a.past_record,
  };
}

export function AppointmentFields(props: {
  value: AppointmentValues;
  onChange: (change: Partial<AppointmentValues>) => void;
  errors: Partial<Record<"starts_at" | "duration_minutes" | "place", string>>;
  labels: { start: string; duration: string; place: string };
  /** The exchange the appointment is taken in (its time), else now. */
  reference?: Date;
  what?: string;
}) {
  const { value, onChange, errors, labels } = props;
  return (
    <>
      <Field label={labels.start} error={errors.starts_at} required>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={value.starts_at}
            onChange={(e) => onChange({ starts_at: e.target.value })}
          />
        )}
      </Field>
      <PastAppointmentCheck
        startsAt={value.starts_at}
        reference={props.reference}
        what={props.what}
        checked={value.past_record}
        onChange={(past_record) => onChange({ past_record })}
      />
      <Field label={labels.duration} error={errors.duration_minutes}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={5}
            max={600}
            value={value.duration_minutes}
            onChange={(e) => onChange({ duration_minutes: e.target.value })}
          />
        )}
      </Field>
      <Field label={labels.place} error={errors.place} hint="L'adresse de la fiche si vide.">
        {(p) => <input {...p} value={value.place} onChange={(e) => onChange({ place: e.target.value })} />}
      </Field>
    </>
  );
}
