// The trainee's audience measured by hand on a network and a day (followers, connections):
// one measurement per network and day, a second one replaces it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { statChanged } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { Field, Options } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { isoToday } from "../../labels/prospects";
import { NETWORKS } from "../../labels/social";

type Draft = { network: S["SocialNetwork"]; measured_on: string; followers: string; connections: string };

export function AudienceForm() {
  const queryClient = useQueryClient();
  const today = isoToday();
  const { values, set, submitWith } = useForm<Draft>({
    network: "linkedin",
    measured_on: today,
    followers: "",
    connections: "",
  });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.POST("/api/v1/social/stats", {
          body: {
            network: d.network,
            measured_on: d.measured_on,
            followers: Number(d.followers || 0),
            connections: Number(d.connections || 0),
          },
        }),
      ),
    onSuccess: () => statChanged(queryClient),
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="card form-grid"
      aria-label="Relever mon audience"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <h3 className="wide">Relever mon audience</h3>
      <Field label="Réseau (audience)" error={errors.network}>
        {(p) => (
          <select {...p} value={values.network} onChange={(e) => set("network", e.target.value as Draft["network"])}>
            <Options labels={NETWORKS} />
          </select>
        )}
      </Field>
      <Field label="Jour du relevé (audience)" error={errors.measured_on}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={today}
            value={values.measured_on}
            onChange={(e) => set("measured_on", e.target.value)}
          />
        )}
      </Field>
      <Field label="Abonnés" error={errors.followers}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            value={values.followers}
            onChange={(e) => set("followers", e.target.value)}
          />
        )}
      </Field>
      <Field label="Relations" error={errors.connections}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            value={values.connections}
            onChange={(e) => set("connections", e.target.value)}
          />
        )}
      </Field>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale="Ce relevé a été modifié entre-temps : rechargez la page."
        submitLabel="Enregistrer le relevé d'audience"
      />
      {save.isSuccess && (
        <p role="status" className="wide">
          Relevé enregistré.
        </p>
      )}
    </form>
  );
}
