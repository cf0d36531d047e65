// An appointment's preparation sheet (CP6.1, CP6.2): what is known of the prospect beside it
// (read-only), the objectives, the questions by buying motive, the CAP arguments with the
// supports to show, the objections to expect, the accessibility; saved whole, with what is
// still missing before the visit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { interviewQueries } from "../../api/queries/sales";
import type { Schemas as S } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { ErrorBanner, Field, PageFrame, formatDate } from "../../components/ui";
import { AccessibilityFields, type AccessibilityDraft } from "./AccessibilityFields";
import { Findings } from "./Findings";
import { listEditors } from "./listEditors";
import { LEVELS, MOTIVES, OBJECTION_KINDS, TECHNIQUES } from "./interviewLabels";
import "./sales.css";

type Question = { text: string; kind: S["QuestionKind"]; motive: S["Motive"] | "" };
type Argument = { product_reference: string; feature: string; advantage: string; proof: string; supports: string[] };
type Objection = { kind: S["ObjectionKind"]; objection: string; answer: string; technique: S["Technique"] | "" };
type Draft = {
  information_level: S["InformationLevel"];
  main_objective: string;
  fallback_objective: string;
  questions: Question[];
  arguments: Argument[];
  objections: Objection[];
  accessibility: AccessibilityDraft;
};

function draftOf(p: S["PreparationOut"] | null): Draft {
  if (!p)
    return {
      information_level: "low",
      main_objective: "",
      fallback_objective: "",
      questions: [],
      arguments: [],
      objections: [],
      accessibility: { none_known: false, situations: [], adaptations: [], notes: "" },
    };
  return {
    information_level: p.information_level,
    main_objective: p.main_objective,
    fallback_objective: p.fallback_objective,
    questions: p.questions as Question[],
    arguments: p.arguments as Argument[],
    objections: p.objections as Objection[],
    accessibility: p.accessibility as AccessibilityDraft,
  };
}

export function PreparationPage() {
  const id = Number(useParams().id);
  const sheet = useQuery(interviewQueries.preparation(id));
  const context = useQuery(interviewQueries.context(id));
  return (
    <PageFrame title="Préparation du rendez-vous" operations={["save_preparation", "add_objection"]}>
      <QueryState query={context}>
        {(c) => (
          <>
            <p>
              <Link to={`/prospects/${c.prospect.id as number}`}>← {String(c.prospect.name)}</Link> — rendez-vous du{" "}
              {formatDate(String(c.appointment.starts_at), true)}
            </p>
            <div className="prep-layout">
              <QueryState query={sheet} isEmpty={() => false}>
                {(p) => <PreparationForm key={p.found?.version ?? 0} appointmentId={id} sheet={p.found} context={c} />}
              </QueryState>
              <Known context={c} appointmentId={id} />
            </div>
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Known({ context: c, appointmentId }: { context: S["VisitContext"]; appointmentId: number }) {
  return (
    <aside className="card known" aria-label="Ce que l'on sait du prospect">
      <h2>Ce que l'on sait</h2>
      <p>
        {String(c.prospect.name)}
        {c.prospect.sector ? ` — ${String(c.prospect.sector)}` : ""}
        {c.prospect.city ? ` — ${String(c.prospect.city)}` : ""}
      </p>
      {(c.prospect.segments as string[]).length > 0 && <p>Segments : {(c.prospect.segments as string[]).join(", ")}</p>}
      {c.personas.length > 0 && (
        <p>Personas : {c.personas.map((p) => `${String(p.name)} (${String(p.score)} %)`).join(", ")}</p>
      )}
      <h3>Derniers échanges</h3>
      {c.interactions.length === 0 ? (
        <p className="muted">Aucun.</p>
      ) : (
        <ul>
          {c.interactions.map((i, n) => (
            <li key={n}>
              {formatDate(String(i.occurred_at))} — {String(i.channel)} : {String(i.notes || i.outcome)}
            </li>
          ))}
        </ul>
      )}
      <h3>Veille liée</h3>
      {c.watch_items.length === 0 ? (
        <p className="muted">Aucun article lié à ce prospect.</p>
      ) : (
        <ul>
          {c.watch_items.map((w) => (
            <li key={String(w.id)}>{String(w.title)}</li>
          ))}
        </ul>
      )}
      <h3>Concurrents</h3>
      <p>{c.competitors.join(", ") || "—"}</p>
      <h3>Bibliothèque d'objections</h3>
      <ul>
        {c.objections.map((o, n) => (
          <li key={n}>
            <strong>{OBJECTION_KINDS[o.kind]}</strong> — « {o.objection} » : {o.answer}
            {o.source === "own" && o.id !== null && (
              <RemoveObjection id={o.id} appointmentId={appointmentId} text={o.objection} />
            )}
          </li>
        ))}
      </ul>
      <AddObjection appointmentId={appointmentId} />
    </aside>
  );
}

/** The trainee enriches their library (beside the business case's). */
function AddObjection({ appointmentId }: { appointmentId: number }) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm({
    kind: "price" as S["ObjectionKind"],
    objection: "",
    answer: "",
  });
  const add = useMutation({
    mutationFn: (v: typeof values) => unwrap(api.POST("/api/v1/objections", { body: v })),
    onSuccess: async () => {
      setValues({ kind: "price", objection: "", answer: "" });
      await queryClient.invalidateQueries({ queryKey: ["preparation", appointmentId, "context"] });
    },
  });
  const errors = fieldErrorsOf(add.error);
  return (
    <form noValidate aria-label="Enrichir ma bibliothèque" onSubmit={submitWith((v) => add.mutate(v))}>
      <h3>Enrichir ma bibliothèque</h3>
      <Field label="Type d'objection">
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as S["ObjectionKind"])}>
            {Object.entries(OBJECTION_KINDS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="L'objection" error={errors.objection}>
        {(p) => (
          <input {...p} value={values.objection} onChange={(e) => set("objection", e.target.value)} maxLength={500} />
        )}
      </Field>
      <Field label="Ma réponse" error={errors.answer}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={values.answer}
            onChange={(e) => set("answer", e.target.value)}
            maxLength={2000}
          />
        )}
      </Field>
      {Object.keys(errors).length === 0 && <ErrorBanner error={add.error} />}
      <button type="submit" disabled={add.isPending}>
        Ajouter à ma bibliothèque
      </button>
    </form>
  );
}

function RemoveObjection({ id, appointmentId, text }: { id: number; appointmentId: number; text: string }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/objections/{objection_id}", { params: { path: { objection_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["preparation", appointmentId, "context"] }),
  });
  return (
    <button
      type="button"
      className="link"
      disabled={remove.isPending}
      onClick={() => remove.mutate()}
      aria-label={`Retirer « ${text} » de ma bibliothèque`}
    >
      Retirer
    </button>
  );
}

function PreparationForm(props: {
  appointmentId: number;
  sheet: S["PreparationOut"] | null;
  context: S["VisitContext"];
}) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<Draft>(() => draftOf(props.sheet));
  const products = props.context.products;
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.PUT("/api/v1/appointments/{appointment_id}/preparation", {
          params: { path: { appointment_id: props.appointmentId } },
          body: {
            version: props.sheet?.version ?? null,
            information_level: d.information_level,
            main_objective: d.main_objective,
            fallback_objective: d.fallback_objective,
            questions: d.questions.map((q) => ({ ...q, motive: q.motive || null })),
            arguments: d.arguments,
            objections: d.objections.map((o) => ({ ...o, technique: o.technique || null })),
            accessibility: d.accessibility,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["preparation", props.appointmentId] }),
  });
  const errors = fieldErrorsOf(save.error);
  const { edit, remove, add } = listEditors(setValues);
  return (
    <div>
      {props.sheet && (
        <Findings findings={props.sheet.findings} title="Avant la visite" done="La préparation est complète." />
      )}
      <form className="card" aria-label="Fiche de préparation" noValidate onSubmit={submitWith((d) => save.mutate(d))}>
        <Field label="Niveau d'information supposé du client" error={errors.information_level}>
          {(p) => (
            <select
              {...p}
              value={values.information_level}
              onChange={(e) => set("information_level", e.target.value as Draft["information_level"])}
            >
              {Object.entries(LEVELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Objectif principal de la visite" error={errors.main_objective} required>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.main_objective}
              onChange={(e) => set("main_objective", e.target.value)}
              maxLength={1000}
            />
          )}
        </Field>
        <Field label="Objectif de repli" error={errors.fallback_objective}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.fallback_objective}
              onChange={(e) => set("fallback_objective", e.target.value)}
              maxLength={1000}
            />
          )}
        </Field>

        <h3>Questions (SONCAS)</h3>
        <ol className="quote-lines">
          {values.questions.map((q, i) => (
            <li key={i}>
              <fieldset>
                <legend>Question {i + 1}</legend>
                <Field label={`Texte de la question ${i + 1}`} error={errors[`questions.${i}.text`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={q.text}
                      onChange={(e) => edit("questions", i, { text: e.target.value })}
                      maxLength={300}
                    />
                  )}
                </Field>
                <Field label={`Type de la question ${i + 1}`}>
                  {(p) => (
                    <select
                      {...p}
                      value={q.kind}
                      onChange={(e) => edit("questions", i, { kind: e.target.value as Question["kind"] })}
                    >
                      <option value="open">Ouverte</option>
                      <option value="closed">Fermée</option>
                    </select>
                  )}
                </Field>
                <Field label={`Mobile exploré par la question ${i + 1}`}>
                  {(p) => (
                    <select
                      {...p}
                      value={q.motive}
                      onChange={(e) => edit("questions", i, { motive: e.target.value as Question["motive"] })}
                    >
                      <option value="">—</option>
                      {Object.entries(MOTIVES).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="button" onClick={() => remove("questions", i)}>
                  Retirer la question {i + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => add("questions", { text: "", kind: "open", motive: "" })}>
          Ajouter une question
        </button>

        <h3>Arguments (caractéristique, avantage, preuve)</h3>
        <ol className="quote-lines">
          {values.arguments.map((a, i) => {
            const product = products.find((x) => x.reference === a.product_reference);
            const supports = (product?.supports as string[] | undefined) ?? [];
            return (
              <li key={i}>
                <fieldset>
                  <legend>Argument {i + 1}</legend>
                  <Field label={`Produit de l'argument ${i + 1}`} error={errors[`arguments.${i}.product_reference`]}>
                    {(p) => (
                      <select
                        {...p}
                        value={a.product_reference}
                        onChange={(e) => edit("arguments", i, { product_reference: e.target.value, supports: [] })}
                      >
                        <option value="">— Choisir —</option>
                        {products.map((x) => (
                          <option key={String(x.reference)} value={String(x.reference)}>
                            {String(x.reference)} — {String(x.label)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={`Caractéristique (argument ${i + 1})`} error={errors[`arguments.${i}.feature`]}>
                    {(p) => (
                      <input
                        {...p}
                        value={a.feature}
                        onChange={(e) => edit("arguments", i, { feature: e.target.value })}
                        maxLength={500}
                      />
                    )}
                  </Field>
                  <Field
                    label={`Avantage pour le client (argument ${i + 1})`}
                    error={errors[`arguments.${i}.advantage`]}
                  >
                    {(p) => (
                      <input
                        {...p}
                        value={a.advantage}
                        onChange={(e) => edit("arguments", i, { advantage: e.target.value })}
                        maxLength={500}
                      />
                    )}
                  </Field>
                  <Field label={`Preuve (argument ${i + 1})`} error={errors[`arguments.${i}.proof`]}>
                    {(p) => (
                      <input
                        {...p}
                        value={a.proof}
                        onChange={(e) => edit("arguments", i, { proof: e.target.value })}
                        maxLength={500}
                      />
                    )}
                  </Field>
                  {supports.length > 0 && (
                    <fieldset>
                      <legend>Supports à montrer (argument {i + 1})</legend>
                      {supports.map((s) => (
                        <label key={s} className="checkbox">
                          <input
                            type="checkbox"
                            checked={a.supports.includes(s)}
                            onChange={() =>
                              edit("arguments", i, {
                                supports: a.supports.includes(s)
                                  ? a.supports.filter((x) => x !== s)
                                  : [...a.supports, s],
                              })
                            }
                          />{" "}
                          {s}
                        </label>
                      ))}
                    </fieldset>
                  )}
                  <button type="button" onClick={() => remove("arguments", i)}>
                    Retirer l'argument {i + 1}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          onClick={() =>
            add("arguments", { product_reference: "", feature: "", advantage: "", proof: "", supports: [] })
          }
        >
          Ajouter un argument
        </button>

        <h3>Objections à anticiper</h3>
        <ol className="quote-lines">
          {values.objections.map((o, i) => (
            <li key={i}>
              <fieldset>
                <legend>Objection {i + 1}</legend>
                <Field label={`Type de l'objection ${i + 1}`}>
                  {(p) => (
                    <select
                      {...p}
                      value={o.kind}
                      onChange={(e) => edit("objections", i, { kind: e.target.value as Objection["kind"] })}
                    >
                      {Object.entries(OBJECTION_KINDS).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={`Ce que dira le client (objection ${i + 1})`} error={errors[`objections.${i}.objection`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={o.objection}
                      onChange={(e) => edit("objections", i, { objection: e.target.value })}
                      maxLength={500}
                    />
                  )}
                </Field>
                <Field label={`Réponse prévue (objection ${i + 1})`}>
                  {(p) => (
                    <input
                      {...p}
                      value={o.answer}
                      onChange={(e) => edit("objections", i, { answer: e.target.value })}
                      maxLength={2000}
                    />
                  )}
                </Field>
                <Field label={`Technique (objection ${i + 1})`}>
                  {(p) => (
                    <select
                      {...p}
                      value={o.technique}
                      onChange={(e) => edit("objections", i, { technique: e.target.value as Objection["technique"] })}
                    >
                      <option value="">—</option>
                      {Object.entries(TECHNIQUES).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="button" onClick={() => remove("objections", i)}>
                  Retirer l'objection {i + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => add("objections", { kind: "price", objection: "", answer: "", technique: "" })}
        >
          Ajouter une objection
        </button>

        <h3>Accessibilité</h3>
        <AccessibilityFields
          value={values.accessibility}
          onChange={(a) => set("accessibility", a)}
          adaptationsLegend="Adaptations prévues"
        />

        {Object.keys(errors).length === 0 && <ErrorBanner error={save.error} />}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="alert alert-error">
            Des champs sont à corriger : voir les messages ci-dessus.
          </p>
        )}
        <button type="submit" className="primary" disabled={save.isPending}>
          Enregistrer la préparation
        </button>
      </form>
    </div>
  );
}
