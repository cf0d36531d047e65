// Step 2 of the import wizard: the column mapping (the server's suggestion, editable).
import type { DuplicatePolicy, ImportField, ImportJobOut as ImportJob, ProspectKind } from "../../api/types";
import { useMutation } from "@tanstack/react-query";
import { fieldErrorsOf } from "../../api/problem";
import { Busy, ErrorBanner, Field, Notice, Options } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { cancelImport, uploadImport } from "../../api/imports";
import { DUPLICATE_POLICIES, FIELD_GROUPS } from "../../labels/imports";
import { useFieldLabel, useImportRules } from "./rules";
import { CANCELLABLE, readReport, repeatedFields, sameMapping, type Mapping } from "./report";
import { type Manual } from "./UploadStep";

export function MappingStep(props: {
  file: File;
  job: ImportJob | null;
  manual: Manual | null;
  kindDefault: ProspectKind | "";
  initialPolicy: DuplicatePolicy;
  onKeep: () => void;
  onStarted: (job: ImportJob) => void;
  onRestart: () => void;
}) {
  const report = props.job ? readReport(props.job.report) : null;
  const columns = report?.columns ?? props.manual?.columns ?? [];
  const suggested: Mapping = report?.suggestedMapping ?? {};
  const initial: Mapping = report?.mapping ?? Object.fromEntries(columns.map((c) => [c, null]));
  const { values, set, setValues, submitWith } = useForm<{ mapping: Mapping; policy: DuplicatePolicy }>({
    mapping: initial,
    policy: props.initialPolicy,
  });
  const { mapping: draft, policy } = values;
  const repeated = repeatedFields(draft);
  const rules = useImportRules();
  const fieldLabel = useFieldLabel();
  const groups = Object.entries(FIELD_GROUPS).map(
    ([group, label]) => [label, (rules.data?.fields ?? []).filter((f) => f.group === group)] as [string, ImportField[]],
  );

  const run = useMutation({
    mutationFn: async (v: typeof values) => {
      const job = props.job;
      if (job && CANCELLABLE.has(job.status)) await cancelImport(job.id);
      return uploadImport(props.file, {
        mapping: v.mapping,
        duplicatePolicy: v.policy,
        kindDefault: props.kindDefault,
      });
    },
    onSuccess: props.onStarted,
  });
  const errors = fieldErrorsOf(run.error);
  const mappingError = errors.mapping ?? errors.kind_default;

  // Unchanged, the import already analysed is kept; changed, it is analysed again.
  function send(v: typeof values) {
    if (repeatedFields(v.mapping).length > 0) return;
    const unchanged = props.job && sameMapping(v.mapping, initial) && v.policy === props.job.duplicate_policy;
    if (unchanged) props.onKeep();
    else run.mutate(v);
  }

  return (
    <form onSubmit={submitWith(send)} aria-label="Correspondance des colonnes" aria-describedby="mapping-help">
      <p id="mapping-help">
        Fichier <strong>{props.file.name}</strong> : {columns.length} colonne(s).{" "}
        {props.manual
          ? "Le serveur n'a pas reconnu la colonne du nom : indiquez quel champ chaque colonne alimente."
          : "Voici la correspondance suggérée par le serveur ; corrigez-la si besoin. Une colonne ignorée n'est pas importée."}
      </p>
      {props.manual && <Notice>{props.manual.message}</Notice>}
      <ErrorBanner error={rules.error} title="La liste des champs n'a pas pu être chargée." />
      {rules.isPending && <Busy label="Chargement des champs…" />}
      <div className="mapping-grid">
        {columns.map((column) => (
          <Field
            key={column}
            label={`Colonne « ${column} »`}
            hint={
              props.manual ? undefined : `Suggestion : ${suggested[column] ? fieldLabel(suggested[column]) : "aucune"}`
            }
            error={
              draft[column] && repeated.includes(draft[column] as string)
                ? "Ce champ est déjà alimenté par une autre colonne."
                : undefined
            }
          >
            {(p) => (
              <select
                {...p}
                value={draft[column] ?? ""}
                onChange={(e) => {
                  const field = e.target.value || null;
                  setValues((v) => ({ ...v, mapping: { ...v.mapping, [column]: field } }));
                }}
              >
                <option value="">— Ignorer cette colonne —</option>
                {groups.map(([label, fields]) => (
                  <optgroup key={label} label={label}>
                    {fields.map((f) => (
                      <option key={f.field} value={f.field}>
                        {f.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <div className="form-grid">
        <Field label="Doublons d'une fiche existante" error={errors.duplicate_policy}>
          {(p) => (
            <select {...p} value={policy} onChange={(e) => set("policy", e.target.value as DuplicatePolicy)}>
              <Options labels={DUPLICATE_POLICIES} />
            </select>
          )}
        </Field>
      </div>
      {mappingError && (
        <div role="alert" className="alert alert-error">
          {mappingError}
        </div>
      )}
      {run.error && !mappingError && <ErrorBanner error={run.error} />}
      <p className="hint">
        {props.job
          ? "Si vous modifiez la correspondance ou le traitement des doublons, l'import en cours est annulé et le fichier est analysé de nouveau."
          : "Le fichier est envoyé de nouveau avec cette correspondance."}
      </p>
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={run.isPending || repeated.length > 0}
          aria-busy={run.isPending}
        >
          {run.isPending ? "Envoi…" : "Lancer l'analyse à blanc"}
        </button>
        <button type="button" onClick={props.onRestart} disabled={run.isPending}>
          Choisir un autre fichier
        </button>
      </div>
    </form>
  );
}
