// Plan an appointment directly (one taken during a call is recorded with the exchange).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import { Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { fieldErrorsOf } from "../../api/problem";
import { PersonSelect, type RecordPeople } from "./PersonSelect";
import { AppointmentFields, EMPTY_APPOINTMENT, appointmentBody, type AppointmentValues } from "./AppointmentFields";
import { AddForm } from "./AddForm";

type Values = AppointmentValues & { notes: string; contact_id: number | null };

export function AppointmentForm({ prospectId, company, contacts, onDone }: RecordPeople & { onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<Values>({
    ...EMPTY_APPOINTMENT,
    notes: "",
    contact_id: null,
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST("/api/v1/appointments", {
          body: { prospect_id: prospectId, contact_id: v.contact_id, ...appointmentBody(v), notes: v.notes.trim() },
        }),
      ),
    onSuccess: () => {
      prospectsChanged.appointment(queryClient, prospectId);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <AddForm
      label="Nouveau rendez-vous"
      onSubmit={submitWith((v) => create.mutate(v))}
      save={create}
      submitLabel="Planifier le rendez-vous"
    >
      <PersonSelect
        company={company}
        label="Avec"
        contacts={contacts}
        value={values.contact_id}
        onChange={(id) => set("contact_id", id)}
        error={errors.contact_id}
      />
      <AppointmentFields
        value={values}
        onChange={(change) => setValues((v) => ({ ...v, ...change }))}
        errors={errors}
        labels={{ start: "Début", duration: "Durée (minutes)", place: "Lieu du rendez-vous" }}
      />
      <Field label="Notes de préparation" error={errors.notes}>
        {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
      </Field>
    </AddForm>
  );
}
