// Step 1 of the import wizard: the file, the duplicate policy and the default kind; the header
// is read in the browser when the server could not suggest a mapping.
import type { DuplicatePolicy, ImportJobOut as ImportJob, ProspectKind } from "../../api/types";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiError, fieldErrorsOf } from "../../api/problem";
import { Busy, ErrorBanner, Field, Options } from "../../components/ui";
import type { useForm } from "../../components/useForm";
import { uploadImport } from "../../api/imports";
import { DUPLICATE_POLICIES, KINDS, limitsText } from "../../labels/imports";
import { useImportRules } from "./rules";
import { readCsvHeader } from "./report";

const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export type Manual = { columns: string[]; message: string };

/** The step's values, held by the wizard: the mapping step sends them again. */
export interface UploadValues {
  file: File | null;
  kindDefault: ProspectKind | "";
  policy: DuplicatePolicy;
}
export const NO_UPLOAD: UploadValues = { file: null, kindDefault: "", policy: "skip" };
export type UploadForm = ReturnType<typeof useForm<UploadValues>>;

export function UploadStep(props: {
  form: UploadForm;
  onStarted: (job: ImportJob) => void;
  onManual: (manual: Manual) => void;
}) {
  const { values, set, submitWith } = props.form;
  const [missingFile, setMissingFile] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const rules = useImportRules();
  const upload = useMutation({
    mutationFn: async ({ file, policy, kindDefault }: UploadValues & { file: File }) => {
      try {
        return { job: await uploadImport(file, { duplicatePolicy: policy, kindDefault }) };
      } catch (error) {
        // No column recognised as the name: read the CSV header here and let the user map it.
        const mappingError = error instanceof ApiError ? error.fieldErrors().mapping : undefined;
        if (mappingError && !/\.xlsx$/i.test(file.name)) {
          const columns = readCsvHeader(new Uint8Array(await file.arrayBuffer()));
          if (columns.length > 0) return { manual: { columns, message: mappingError } };
        }
        throw error;
      }
    },
    onSuccess: (outcome) => {
      if (outcome.job) props.onStarted(outcome.job);
      else if (outcome.manual) props.onManual(outcome.manual);
    },
  });
  const errors = fieldErrorsOf(upload.error);
  const shown = ["file", "kind_default", "duplicate_policy"];
  const other = upload.error && !shown.some((k) => k in errors);

  // A missing or too large file is said before anything is sent.
  function send(v: UploadValues) {
    if (!v.file) {
      setMissingFile(true);
      return;
    }
    const max = rules.data?.max_bytes;
    if (max !== undefined && v.file.size > max) {
      setTooBig(`Fichier trop volumineux : ${limitsText(rules.data)}. Découpez-le en plusieurs fichiers.`);
      return;
    }
    upload.mutate({ ...v, file: v.file });
  }

  return (
    <form
      className="form-grid upload-grid"
      onSubmit={submitWith(send)}
      aria-label="Envoyer un fichier à importer"
      noValidate
    >
      <p className="wide">
        L'analyse à blanc vérifie chaque ligne (SIRET, téléphone, e-mail…) et repère les doublons de votre fichier
        prospects sans rien écrire : vous décidez ensuite d'importer ou non.
      </p>
      <Field
        label="Fichier à importer"
        hint={`CSV (séparateur « , » ou « ; », encodage UTF-8 ou Windows-1252) ou classeur Excel .xlsx (première feuille)${
          rules.data ? `. ${limitsText(rules.data)}` : ""
        } ; la première ligne donne les noms des colonnes.`}
        error={errors.file ?? tooBig ?? (missingFile ? "Choisissez un fichier CSV ou XLSX." : undefined)}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              setMissingFile(false);
              setTooBig(null);
              upload.reset();
              set("file", e.target.files?.[0] ?? null);
            }}
          />
        )}
      </Field>
      <Field
        label="Type des fiches quand le fichier ne le précise pas"
        hint="Obligatoire si aucune colonne « type » n'indique entreprise ou particulier."
        error={errors.kind_default}
      >
        {(p) => (
          <select
            {...p}
            value={values.kindDefault}
            onChange={(e) => set("kindDefault", e.target.value as ProspectKind | "")}
          >
            <option value="">Selon la colonne « type » du fichier</option>
            <Options labels={KINDS} />
          </select>
        )}
      </Field>
      <Field label="Doublons d'une fiche existante" error={errors.duplicate_policy}>
        {(p) => (
          <select {...p} value={values.policy} onChange={(e) => set("policy", e.target.value as DuplicatePolicy)}>
            <Options labels={DUPLICATE_POLICIES} />
          </select>
        )}
      </Field>
      {other && <ErrorBanner error={upload.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={upload.isPending} aria-busy={upload.isPending}>
          {upload.isPending ? "Envoi…" : "Envoyer le fichier"}
        </button>
      </div>
      {upload.isPending && <Busy label="Envoi et lecture du fichier…" />}
    </form>
  );
}
