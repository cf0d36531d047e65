// The import wizard: 1 file, 2 column mapping (the server's suggestion, editable), 3 dry-run
// report (row errors, duplicates and their decisions), 4 writing (all or nothing), 5 final report.
// The server starts the dry-run as soon as the file is received, with its suggested mapping; a
// changed mapping or duplicate policy cancels that import and sends the file again with it.
import type { DuplicatePolicy, ImportField, ImportJobOut as ImportJob, ProspectKind } from "../../api/types";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { ApiError, fieldErrorsOf } from "../../api/problem";
import { Busy, ErrorBanner, Field, Notice, Options, formatDate } from "../../components/ui";
import { cancelImport, commitImport, uploadImport } from "../../api/imports";
import {
  DUPLICATE_DECISIONS,
  DUPLICATE_KEYS,
  DUPLICATE_POLICIES,
  FIELD_GROUPS,
  IMPORT_STATUSES,
  KINDS,
  STATUS_CLASS,
  limitsText,
} from "../../labels/imports";
import { importQueries, importsChanged } from "../../api/queries/imports";
import { Progress } from "./Progress";
import { useFieldLabel, useImportRules } from "./rules";
import {
  CANCELLABLE,
  RUNNING,
  progressOf,
  readCsvHeader,
  readReport,
  repeatedFields,
  sameMapping,
  wizardStep,
  type Duplicate,
  type Mapping,
  type WizardView,
} from "./report";

const STEPS = ["Fichier", "Correspondance des colonnes", "Analyse à blanc", "Écriture", "Rapport final"];
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Manual = { columns: string[]; message: string };

export function ImportWizard({ jobId, onJob }: { jobId: number | null; onJob: (id: number | null) => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kindDefault, setKindDefault] = useState<ProspectKind | "">("");
  const [policy, setPolicy] = useState<DuplicatePolicy>("skip");
  const [view, setView] = useState<WizardView>("upload");
  const [uploadedId, setUploadedId] = useState<number | null>(null);
  const [manual, setManual] = useState<Manual | null>(null);

  const job = useQuery({
    ...importQueries.job(jobId),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  });
  const current = jobId !== null ? (job.data ?? null) : null;
  // The mapping can be changed only for the file this page sent (its bytes are still here).
  const editable = file !== null && jobId !== null && uploadedId === jobId;
  const effectiveView: WizardView = jobId === null ? (manual ? "mapping" : "upload") : editable ? view : "report";
  const step = wizardStep(current, effectiveView);

  const wasRunning = useRef(false);
  useEffect(() => {
    const running = current !== null && RUNNING.has(current.status);
    if (wasRunning.current && !running) {
      importsChanged.finished(queryClient, current?.status === "committed");
    }
    wasRunning.current = running;
  }, [current, queryClient]);

  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  function started(created: ImportJob, next: WizardView) {
    importsChanged.job(queryClient, created);
    setUploadedId(created.id);
    setManual(null);
    setView(next);
    onJob(created.id);
  }

  function restart() {
    setFile(null);
    setManual(null);
    setUploadedId(null);
    setView("upload");
    onJob(null);
  }

  return (
    <section className="card import-wizard" aria-labelledby="import-step-title">
      <ol className="wizard-steps" aria-label="Étapes de l'import">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index + 1 === step ? "step" : undefined}
            className={index + 1 < step ? "done" : undefined}
          >
            {index + 1}. {label}
            {index + 1 < step && <span className="sr-only"> (terminée)</span>}
          </li>
        ))}
      </ol>
      <h2 id="import-step-title" ref={heading} tabIndex={-1}>
        Étape {step} sur 5 : {STEPS[step - 1].toLowerCase()}
      </h2>
      {jobId !== null && job.isPending && <Busy label="Lecture de l'import…" />}
      <ErrorBanner error={job.error} />
      {effectiveView === "upload" && (
        <UploadStep
          file={file}
          kindDefault={kindDefault}
          policy={policy}
          onFile={setFile}
          onKindDefault={setKindDefault}
          onPolicy={setPolicy}
          onStarted={(created) => started(created, "mapping")}
          onManual={setManual}
        />
      )}
      {effectiveView === "mapping" && file && (manual || current) && (
        <MappingStep
          key={current?.id ?? "manuel"}
          file={file}
          job={current}
          manual={manual}
          kindDefault={kindDefault}
          initialPolicy={current?.duplicate_policy ?? policy}
          onKeep={() => setView("report")}
          onStarted={(created) => started(created, "report")}
          onRestart={restart}
        />
      )}
      {effectiveView === "report" && current && (
        <JobStep job={current} canEditMapping={editable} onEditMapping={() => setView("mapping")} onRestart={restart} />
      )}
    </section>
  );
}

// ------------------------------------------------------------------ step 1

function UploadStep(props: {
  file: File | null;
  kindDefault: ProspectKind | "";
  policy: DuplicatePolicy;
  onFile: (file: File | null) => void;
  onKindDefault: (kind: ProspectKind | "") => void;
  onPolicy: (policy: DuplicatePolicy) => void;
  onStarted: (job: ImportJob) => void;
  onManual: (manual: Manual) => void;
}) {
  const [missingFile, setMissingFile] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const rules = useImportRules();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      try {
        return { job: await uploadImport(file, { duplicatePolicy: props.policy, kindDefault: props.kindDefault }) };
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

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!props.file) {
      setMissingFile(true);
      return;
    }
    const max = rules.data?.max_bytes;
    if (max !== undefined && props.file.size > max) {
      setTooBig(`Fichier trop volumineux : ${limitsText(rules.data)}. Découpez-le en plusieurs fichiers.`);
      return;
    }
    upload.mutate(props.file);
  }

  return (
    <form className="form-grid upload-grid" onSubmit={submit} aria-label="Envoyer un fichier à importer" noValidate>
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
              props.onFile(e.target.files?.[0] ?? null);
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
            value={props.kindDefault}
            onChange={(e) => props.onKindDefault(e.target.value as ProspectKind | "")}
          >
            <option value="">Selon la colonne « type » du fichier</option>
            <Options labels={KINDS} />
          </select>
        )}
      </Field>
      <Field label="Doublons d'une fiche existante" error={errors.duplicate_policy}>
        {(p) => (
          <select {...p} value={props.policy} onChange={(e) => props.onPolicy(e.target.value as DuplicatePolicy)}>
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

// ------------------------------------------------------------------ step 2

function MappingStep(props: {
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
  const [draft, setDraft] = useState<Mapping>(initial);
  const [policy, setPolicy] = useState<DuplicatePolicy>(props.initialPolicy);
  const repeated = repeatedFields(draft);
  const rules = useImportRules();
  const fieldLabel = useFieldLabel();
  const groups = Object.entries(FIELD_GROUPS).map(
    ([group, label]) => [label, (rules.data?.fields ?? []).filter((f) => f.group === group)] as [string, ImportField[]],
  );

  const run = useMutation({
    mutationFn: async () => {
      const job = props.job;
      if (job && CANCELLABLE.has(job.status)) await cancelImport(job.id);
      return uploadImport(props.file, { mapping: draft, duplicatePolicy: policy, kindDefault: props.kindDefault });
    },
    onSuccess: props.onStarted,
  });
  const errors = fieldErrorsOf(run.error);
  const mappingError = errors.mapping ?? errors.kind_default;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (repeated.length > 0) return;
    const unchanged = props.job && sameMapping(draft, initial) && policy === props.job.duplicate_policy;
    if (unchanged) props.onKeep();
    else run.mutate();
  }

  return (
    <form onSubmit={submit} aria-label="Correspondance des colonnes" aria-describedby="mapping-help">
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
                onChange={(e) => setDraft((d) => ({ ...d, [column]: e.target.value || null }))}
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
            <select {...p} value={policy} onChange={(e) => setPolicy(e.target.value as DuplicatePolicy)}>
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

// ------------------------------------------------------------------ steps 3 to 5

function JobStep(props: { job: ImportJob; canEditMapping: boolean; onEditMapping: () => void; onRestart: () => void }) {
  const { job } = props;
  const queryClient = useQueryClient();
  const report = readReport(job.report);
  const settle = (updated: ImportJob) => {
    importsChanged.job(queryClient, updated);
  };
  // The button says "import the N valid rows": it does so, leaving the rows in error out.
  const commit = useMutation({ mutationFn: () => commitImport(job.id, job.error_rows > 0), onSuccess: settle });
  const cancel = useMutation({
    mutationFn: () => cancelImport(job.id),
    onSuccess: () => {
      importsChanged.cancelled(queryClient, job.id);
    },
  });

  const summary = (
    <p>
      Import n° {job.id} — <strong>{job.filename}</strong> ({job.file_format.toUpperCase()}), envoyé le{" "}
      {formatDate(job.created_at, true)} :{" "}
      <span className={`status ${STATUS_CLASS[job.status]}`}>{IMPORT_STATUSES[job.status]}</span>
    </p>
  );
  const cancelButton = CANCELLABLE.has(job.status) && (
    <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
      {cancel.isPending ? "Annulation…" : "Annuler l'import"}
    </button>
  );

  if (job.status === "pending" || job.status === "validating") {
    const pct = progressOf(job);
    return (
      <>
        {summary}
        <Progress label="Avancement de l'analyse à blanc" value={pct} />
        <p role="status">
          Analyse en cours : {job.processed_rows} ligne(s) lue(s) sur environ {job.total_rows}. Rien n'est écrit dans
          votre fichier.
        </p>
        <ErrorBanner error={cancel.error} />
        <div className="form-actions">{cancelButton}</div>
      </>
    );
  }

  if (job.status === "writing") {
    return (
      <>
        {summary}
        <Progress label="Écriture de l'import" value={null} text="écriture en cours" />
        <p role="status">
          Écriture de {job.valid_rows} ligne(s) en une seule transaction : si une écriture échoue, rien n'est importé.
        </p>
      </>
    );
  }

  if (
    job.status === "committed" ||
    job.status === "cancelled" ||
    (job.status === "failed" && report.skipInvalidRows !== null)
  ) {
    return (
      <>
        {summary}
        <FinalReport job={job} />
        <div className="form-actions">
          {job.status === "committed" && <Link to="/prospects">Voir le fichier prospects</Link>}
          <button type="button" className="primary" onClick={props.onRestart}>
            Importer un autre fichier
          </button>
        </div>
      </>
    );
  }

  if (job.status === "failed") {
    return (
      <>
        {summary}
        <div role="alert" className="alert alert-error">
          <strong>L'analyse du fichier a échoué. </strong>
          {job.error ?? "Erreur inconnue."}
        </div>
        <div className="form-actions">
          <button type="button" className="primary" onClick={props.onRestart}>
            Envoyer un autre fichier
          </button>
        </div>
      </>
    );
  }

  // validated: the dry-run's report, then the commit.
  return (
    <>
      {summary}
      <DryRunReport job={job} matched={matchedNames(job)} />
      <h3>Écrire l'import</h3>
      {job.valid_rows === 0 ? (
        <p>Aucune ligne valide à importer : corrigez le fichier puis envoyez-le de nouveau.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            commit.mutate();
          }}
          aria-label="Écrire l'import"
        >
          <p>
            L'écriture se fait en une seule fois : toutes les lignes retenues sont écrites, ou aucune si une écriture
            échoue.
          </p>
          {job.error_rows > 0 && (
            <p className="hint" id="commit-skips">
              Les {job.error_rows} ligne(s) en erreur ne seront pas importées : corrigez-les dans votre fichier pour les
              importer plus tard, ou modifiez la correspondance avant d'écrire.
            </p>
          )}
          {job.error && <Notice>{job.error}</Notice>}
          <ErrorBanner error={commit.error} />
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={commit.isPending}
              aria-busy={commit.isPending}
              aria-describedby={job.error_rows > 0 ? "commit-skips" : undefined}
            >
              {commit.isPending ? "Démarrage…" : `Importer les ${job.valid_rows} ligne(s) valide(s)`}
            </button>
          </div>
        </form>
      )}
      <ErrorBanner error={cancel.error} />
      <div className="form-actions">
        {props.canEditMapping ? (
          <button type="button" onClick={props.onEditMapping}>
            Modifier la correspondance
          </button>
        ) : (
          <p className="hint">
            Pour modifier la correspondance, envoyez de nouveau le fichier (il n'est plus dans cette page).{" "}
            <button type="button" onClick={props.onRestart}>
              Envoyer le fichier de nouveau
            </button>
          </p>
        )}
        {cancelButton}
      </div>
    </>
  );
}

/** The existing records the duplicates match, by id (their names, read by the server). */
function matchedNames(job: ImportJob): Map<number, string> {
  return new Map((job.matched_prospects ?? []).map((p) => [p.id, p.name]));
}

function DuplicateOf({ duplicate, matched }: { duplicate: Duplicate; matched: Map<number, string> }) {
  const id = duplicate.matchedProspectId;
  if (id === null) return <>la ligne {duplicate.matchedRow ?? "?"} du fichier envoyé</>;
  const name = matched.get(id);
  if (name === undefined) return <>la fiche n° {id} (anonymisée ou supprimée depuis)</>;
  return (
    <>
      la fiche <Link to={`/prospects/${id}`}>{name}</Link> <small className="muted">(n° {id})</small>
    </>
  );
}

function DryRunReport({ job, matched }: { job: ImportJob; matched: Map<number, string> }) {
  const fieldLabel = useFieldLabel();
  const report = readReport(job.report);
  const planned = report.planned ?? { create: 0, update: 0, skip: 0 };
  return (
    <>
      <h3>Rapport de l'analyse à blanc</h3>
      <dl className="counts">
        <div>
          <dt>Lignes lues</dt>
          <dd>{job.total_rows}</dd>
        </div>
        <div>
          <dt>Lignes valides</dt>
          <dd>{job.valid_rows}</dd>
        </div>
        <div>
          <dt>Lignes en erreur</dt>
          <dd className={job.error_rows ? "late" : undefined}>{job.error_rows}</dd>
        </div>
        <div>
          <dt>Doublons</dt>
          <dd>{job.duplicate_rows}</dd>
        </div>
        <div>
          <dt>Fiches à créer</dt>
          <dd>{planned.create}</dd>
        </div>
        <div>
          <dt>Fiches à compléter</dt>
          <dd>{planned.update}</dd>
        </div>
        <div>
          <dt>Lignes à ignorer</dt>
          <dd>{planned.skip}</dd>
        </div>
      </dl>

      <h4>Erreurs par ligne</h4>
      {report.errors.length === 0 ? (
        <p>Aucune erreur : toutes les lignes sont valides.</p>
      ) : (
        <>
          <p className="hint">
            Numéros de ligne du tableur (l'en-tête est la ligne 1). Corrigez ces lignes dans votre fichier, ou importez
            seulement les lignes valides.
          </p>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Erreurs par ligne">
            <table className="table compact">
              <caption className="sr-only">Erreurs de l'analyse à blanc, par ligne</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Colonne du fichier</th>
                  <th scope="col">Champ</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, index) => (
                  <tr key={`${e.row}-${e.field}-${index}`}>
                    <th scope="row">{e.row}</th>
                    <td>{e.column ?? "—"}</td>
                    <td>{fieldLabel(e.field)}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errorsTruncated && (
            <p className="hint">
              Seules les {report.errors.length} premières erreurs sont listées ({report.errorsTotal} au total).
            </p>
          )}
        </>
      )}

      <h4>Doublons</h4>
      {report.duplicates.length === 0 ? (
        <p>Aucun doublon trouvé dans votre fichier prospects ni dans le fichier envoyé.</p>
      ) : (
        <>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Doublons">
            <table className="table compact">
              <caption className="sr-only">Doublons et décision prise pour chacun</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Doublon de</th>
                  <th scope="col">Reconnu par</th>
                  <th scope="col">Décision</th>
                </tr>
              </thead>
              <tbody>
                {report.duplicates.map((d) => (
                  <tr key={d.row}>
                    <th scope="row">{d.row}</th>
                    <td>
                      <DuplicateOf duplicate={d} matched={matched} />
                    </td>
                    <td>{DUPLICATE_KEYS[d.on] ?? d.on}</td>
                    <td>{DUPLICATE_DECISIONS[job.duplicate_policy]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.duplicatesTruncated && (
            <p className="hint">
              Seuls les {report.duplicates.length} premiers doublons sont listés ({report.duplicatesTotal} au total).
            </p>
          )}
        </>
      )}

      <details>
        <summary>
          Correspondance utilisée ({Object.values(report.mapping).filter(Boolean).length} colonne(s) importée(s))
        </summary>
        <table className="table compact">
          <caption className="sr-only">Correspondance des colonnes utilisée</caption>
          <thead>
            <tr>
              <th scope="col">Colonne du fichier</th>
              <th scope="col">Champ</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((column) => (
              <tr key={column}>
                <th scope="row">{column}</th>
                <td>{report.mapping[column] ? fieldLabel(report.mapping[column]) : "ignorée"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Doublons : {DUPLICATE_POLICIES[job.duplicate_policy].toLowerCase()}.
          {report.kindDefault && ` Type par défaut : ${KINDS[report.kindDefault] ?? report.kindDefault}.`}
        </p>
      </details>
    </>
  );
}

function FinalReport({ job }: { job: ImportJob }) {
  const fieldLabel = useFieldLabel();
  const report = readReport(job.report);
  if (job.status === "cancelled") {
    return (
      <Notice>
        Import annulé le {formatDate(job.finished_at, true)} : rien n'a été écrit et le fichier envoyé a été effacé.
      </Notice>
    );
  }
  if (job.status === "failed") {
    return (
      <div role="alert" className="alert alert-error">
        <strong>L'écriture a échoué. </strong>
        {job.error ?? "Aucune ligne n'a été importée."}
      </div>
    );
  }
  const r = report.result;
  return (
    <>
      <p role="status">
        Import terminé le {formatDate(job.finished_at, true)} : {job.created_count} fiche(s) créée(s),{" "}
        {job.updated_count} complétée(s).
      </p>
      <dl className="counts">
        <div>
          <dt>Fiches créées</dt>
          <dd>{r?.created ?? job.created_count}</dd>
        </div>
        <div>
          <dt>Fiches complétées</dt>
          <dd>{r?.updated ?? job.updated_count}</dd>
        </div>
        <div>
          <dt>Doublons ignorés</dt>
          <dd>{r?.skippedDuplicates ?? 0}</dd>
        </div>
        <div>
          <dt>Lignes en erreur ignorées</dt>
          <dd>{r?.skippedInvalid ?? 0}</dd>
        </div>
        <div>
          <dt>Contacts créés</dt>
          <dd>{r?.contactsCreated ?? 0}</dd>
        </div>
        <div>
          <dt>Consentements enregistrés</dt>
          <dd>{r?.consentsRecorded ?? 0}</dd>
        </div>
      </dl>
      {report.errors.length > 0 && (
        <details>
          <summary>Lignes en erreur non importées ({job.error_rows})</summary>
          <table className="table compact">
            <caption className="sr-only">Lignes en erreur non importées</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Champ</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, index) => (
                <tr key={`${e.row}-${e.field}-${index}`}>
                  <th scope="row">{e.row}</th>
                  <td>{fieldLabel(e.field)}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
