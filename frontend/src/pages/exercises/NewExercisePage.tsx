// A new exercise (trainers, admins), from one of three starting points: a ready-made template
// (GET /exercises/templates: its instructions, objectives, competences, length and market
// come with it), a JSON document (an export of CapVente or of an exercise platform, validated
// whole: every fault listed by its path), or a blank page. The builder then opens on it.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { exerciseQueries, exercisesChanged } from "../../api/queries/exercises";
import type { ExerciseCreate, ExerciseDocument, ExerciseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { Field, PageFrame, RequiredNote, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { DocumentErrors } from "../business/DocumentErrors";
import { BusinessCaseSelect } from "./BusinessCaseSelect";
import "./exercises.css";

type Start = "template" | "document" | "blank";

const STARTS: Record<Start, string> = {
  template: "Un modèle prêt à l'emploi",
  document: "Un document JSON (import)",
  blank: "Une page blanche",
};

export function NewExercisePage() {
  const [start, setStart] = useState<Start>("template");
  return (
    <PageFrame title="Nouvel exercice" operations={["list_exercise_templates", "create_exercise", "import_exercise"]}>
      <p>
        <Link to="/exercices">← Tous les exercices</Link>
      </p>
      <fieldset className="card start-choice">
        <legend>Point de départ</legend>
        {(Object.keys(STARTS) as Start[]).map((s) => (
          <label key={s} className="check">
            <input type="radio" name="start" value={s} checked={start === s} onChange={() => setStart(s)} />
            {STARTS[s]}
          </label>
        ))}
      </fieldset>
      {start === "document" ? <ImportForm /> : <CreateForm fromTemplate={start === "template"} />}
    </PageFrame>
  );
}

function useOpen() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (saved: ExerciseOut) => {
    void exercisesChanged.exercise(queryClient);
    navigate(`/exercices/${saved.id}`);
  };
}

function CreateForm({ fromTemplate }: { fromTemplate: boolean }) {
  const open = useOpen();
  const templates = useQuery({ ...exerciseQueries.templates(), enabled: fromTemplate });
  const { values, set, setValues, submitWith } = useForm({ template: "", title: "", business_case_id: "" });
  const create = useMutation({
    mutationFn: (body: ExerciseCreate) => unwrap(api.POST("/api/v1/exercises", { body })),
    onSuccess: open,
  });
  const errors = fieldErrorsOf(create.error);
  const [missingTemplate, setMissingTemplate] = useState(false);
  return (
    <section className="card" aria-labelledby="new-exercise-title">
      <h2 id="new-exercise-title">{fromTemplate ? "Depuis un modèle" : "Exercice vierge"}</h2>
      <form
        className="form-grid"
        aria-labelledby="new-exercise-title"
        noValidate
        onSubmit={submitWith((v) => {
          const missing = fromTemplate && !v.template;
          setMissingTemplate(missing);
          if (missing) return;
          create.mutate({
            title: v.title.trim(),
            template: fromTemplate ? v.template : null,
            business_case_id: v.business_case_id ? Number(v.business_case_id) : null,
          });
        })}
      >
        <RequiredNote />
        {fromTemplate && (
          <fieldset className="wide templates" aria-describedby={missingTemplate ? "template-error" : undefined}>
            <legend className="required">Modèle</legend>
            <QueryState query={templates} busyLabel="Chargement des modèles…">
              {(items) => (
                <ul className="plain template-list">
                  {items.map((t) => (
                    <li key={t.key}>
                      <label className="template-option">
                        <input
                          type="radio"
                          name="template"
                          value={t.key}
                          checked={values.template === t.key}
                          onChange={() => {
                            setMissingTemplate(false);
                            // The template's title, unless one was typed.
                            setValues((v) => ({
                              ...v,
                              template: t.key,
                              title: !v.title || items.some((x) => x.title === v.title) ? t.title : v.title,
                            }));
                          }}
                        />
                        <span>
                          <strong>{t.title}</strong>
                          <br />
                          {t.summary}
                          <br />
                          <small className="muted">
                            {t.days} jours simulés · {t.competences.join(", ")}
                          </small>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
            {(missingTemplate || errors.template) && (
              <p id="template-error" className="field-error">
                {errors.template ?? "Choisissez un modèle."}
              </p>
            )}
          </fieldset>
        )}
        <Field label="Titre" required error={errors.title}>
          {(p) => <input {...p} value={values.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />}
        </Field>
        <BusinessCaseSelect
          value={values.business_case_id}
          error={errors.business_case_id}
          onChange={(v) => set("business_case_id", v)}
        />
        <div className="wide">
          <SaveError error={create.error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? "Création…" : "Créer l'exercice"}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The file's JSON, or the reason it is not JSON. */
async function readJson(file: File): Promise<{ doc?: unknown; fault?: string }> {
  try {
    return { doc: JSON.parse(await file.text()) };
  } catch (e) {
    return { fault: `Ce fichier n'est pas un document JSON lisible (${e instanceof Error ? e.message : "erreur"}).` };
  }
}

function ImportForm() {
  const open = useOpen();
  const [file, setFile] = useState<File | null>(null);
  const [fault, setFault] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: ExerciseDocument) => unwrap(api.POST("/api/v1/exercises/import", { body })),
    onSuccess: open,
  });
  return (
    <section className="card" aria-labelledby="import-exercise-title">
      <h2 id="import-exercise-title">Importer un exercice</h2>
      <p className="muted">
        Un document JSON d'exercice (« Exporter (JSON) » d'un exercice, ou celui d'une plateforme d'exercices) : les
        consignes, les objectifs, le marché simulé et sa graine, et le cas d'entreprise, qui est créé et publié avec
        lui. Le document est vérifié en entier avant que rien ne soit écrit.
      </p>
      <form
        className="form-grid"
        aria-labelledby="import-exercise-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send.reset();
          if (!file) {
            setFault("Choisissez un fichier.");
            return;
          }
          void readJson(file).then(({ doc, fault }) => {
            setFault(fault ?? null);
            if (!fault) send.mutate(doc as ExerciseDocument);
          });
        }}
      >
        <Field label="Fichier JSON de l'exercice" required error={fault ?? undefined}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFault(null);
              }}
            />
          )}
        </Field>
        <div className="wide">
          <DocumentErrors error={send.error} title="Document refusé, aucun exercice n'a été créé" />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? "Import…" : "Importer"}
          </button>
        </div>
      </form>
    </section>
  );
}
