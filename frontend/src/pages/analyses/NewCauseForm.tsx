// A cause the trainee adds (confirmed at once): its title, explanation and the figures that
// support it, one per line (« libellé = valeur »).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { analysesChanged } from "../../api/queries/analyses";
import { Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { FormCard } from "../prospects/FormCard";

type Form = { title: string; explanation: string; figures: string };

/** "Appels = 120\nJoints = 30 %" → { Appels: "120", Joints: "30 %" } (lines without « = » are skipped). */
export function parseFigures(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (key && value) out[key] = value;
  }
  return out;
}

export function NewCauseForm({ analysisId, onDone }: { analysisId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Form>({ title: "", explanation: "", figures: "" });
  const add = useMutation({
    mutationFn: (f: Form) =>
      unwrap(
        api.POST("/api/v1/analyses/{analysis_id}/causes", {
          params: { path: { analysis_id: analysisId } },
          body: { title: f.title.trim(), explanation: f.explanation.trim(), figures: parseFigures(f.figures) },
        }),
      ),
    onSuccess: async () => {
      await analysesChanged.analysis(queryClient, analysisId);
      onDone();
    },
  });
  const errors = fieldErrorsOf(add.error);
  return (
    <FormCard id="new-cause-title" title="Ajouter une cause" onSubmit={submitWith((v) => add.mutate(v))}>
      <Field label="Cause" required error={errors.title}>
        {(p) => <input {...p} value={values.title} maxLength={300} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Explication" error={errors.explanation} hint="Ce que les chiffres et les fiches montrent.">
          {(p) => (
            <textarea {...p} rows={3} value={values.explanation} onChange={(e) => set("explanation", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">
        <Field
          label="Chiffres (un par ligne : libellé = valeur)"
          error={errors.figures}
          hint="Par exemple : Appels = 120"
        >
          {(p) => <textarea {...p} rows={3} value={values.figures} onChange={(e) => set("figures", e.target.value)} />}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={add.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? "Enregistrement…" : "Ajouter la cause"}
        </button>
        <button type="button" onClick={onDone}>
          Annuler
        </button>
      </div>
    </FormCard>
  );
}
