// A new assignment of a published case: to a cohort (the ones the trainer leads) or to one
// trainee. A 409 names the case they already hold; « Remplacer » sends it again with
// replace=true.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError, fieldErrorsOf } from "../../api/problem";
import { businessCasesChanged } from "../../api/queries/businessCases";
import { userQueries } from "../../api/queries/users";
import { Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";

type Form = { to: "cohort" | "trainee"; cohort: string; trainee: string };

export function AssignForm({ caseId }: { caseId: number }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Form>({ to: "cohort", cohort: "", trainee: "" });
  const cohorts = useQuery({ ...userQueries.cohorts() });
  const trainees = useQuery({ ...userQueries.trainees(), enabled: values.to === "trainee" });
  const assign = useMutation({
    mutationFn: ({ form, replace }: { form: Form; replace: boolean }) =>
      unwrap(
        api.POST("/api/v1/business-cases/{case_id}/assignments", {
          params: { path: { case_id: caseId } },
          body:
            form.to === "cohort"
              ? { cohort_id: form.cohort ? Number(form.cohort) : null, replace }
              : { trainee_id: form.trainee ? Number(form.trainee) : null, replace },
        }),
      ),
    onSuccess: () => businessCasesChanged.any(queryClient),
  });
  const errors = fieldErrorsOf(assign.error);
  // The cohort or trainee holds another case: the server names it in a 409.
  const held =
    assign.error instanceof ApiError && assign.error.status === 409 && "business_case_id" in assign.error.problem
      ? assign.error
      : null;
  return (
    <form
      className="inline-form"
      aria-label="Attribuer le cas"
      noValidate
      onSubmit={submitWith((form) => assign.mutate({ form, replace: false }))}
    >
      <Field label="Attribuer à">
        {(p) => (
          <select {...p} value={values.to} onChange={(e) => set("to", e.target.value as Form["to"])}>
            <option value="cohort">Une promotion</option>
            <option value="trainee">Un stagiaire</option>
          </select>
        )}
      </Field>
      {values.to === "cohort" ? (
        <Field label="Promotion" error={errors.cohort_id ?? errors[""]}>
          {(p) => (
            <select {...p} value={values.cohort} onChange={(e) => set("cohort", e.target.value)}>
              <option value="">Choisir…</option>
              {cohorts.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label="Stagiaire" error={errors.trainee_id ?? errors[""]}>
          {(p) => (
            <select {...p} value={values.trainee} onChange={(e) => set("trainee", e.target.value)}>
              <option value="">Choisir…</option>
              {trainees.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.full_name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <button type="submit" className="primary" disabled={assign.isPending}>
        Attribuer
      </button>
      <div aria-live="polite" className="wide">
        {assign.isSuccess && (
          <p role="status" className="alert alert-info">
            Cas attribué.
          </p>
        )}
      </div>
      {held ? (
        <div role="alert" className="alert alert-error wide">
          {(held.problem.detail ?? held.problem.title).replace(/\s*Envoyez replace=true[^.]*\./, "")} « Remplacer » lui
          donne ce cas à la place.{" "}
          <button
            type="button"
            disabled={assign.isPending}
            onClick={() => assign.mutate({ form: values, replace: true })}
          >
            Remplacer
          </button>
        </div>
      ) : (
        <SaveError error={assign.error} />
      )}
    </form>
  );
}
