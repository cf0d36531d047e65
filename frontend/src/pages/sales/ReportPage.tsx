// An appointment's interview report (CP6.3–CP6.8): the information level found, the needs and
// buying motives, the arguments used and how they were received, the objections met, the
// conclusion against the signals observed, the adaptations made and the next steps (each
// becomes a task of the agenda); saved whole, with what a manager would still miss, and its PDF.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { downloadFile } from "../../api/download";
import { fieldErrorsOf } from "../../api/problem";
import { interviewQueries, salesQueries } from "../../api/queries/sales";
import type { Schemas as S } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { ErrorBanner, Field, PageFrame, formatDate } from "../../components/ui";
import { AccessibilityFields, type AccessibilityDraft } from "./AccessibilityFields";
import { Findings } from "./Findings";
import { listEditors } from "./listEditors";
import { CONCLUSIONS, LEVELS, MOTIVES, OBJECTION_KINDS, RECEPTIONS, TECHNIQUES } from "./interviewLabels";
import "./sales.css";

type Used = { product_reference: string; feature: string; advantage: string; proof: string; reception: S["Reception"] };
type Met = {
  kind: S["ObjectionKind"];
  objection: string;
  technique: S["Technique"];
  answer: string;
  resolved: boolean;
};
type Step = { title: string; due_on: string };
type Draft = {
  opportunity_id: string;
  information_level: S["InformationLevel"];
  needs_explicit: string;
  needs_implicit: string;
  motives: S["Motive"][];
  arguments_used: Used[];
  supports_shown: string;
  objections_met: Met[];
  conclusion: S["InterviewConclusion"];
  conclusion_fits_signals: boolean;
  signals: string;
  accessibility: AccessibilityDraft;
  next_steps: Step[];
};

function draftOf(r: S["ReportOut"] | null): Draft {
  if (!r)
    return {
      opportunity_id: "",
      information_level: "medium",
      needs_explicit: "",
      needs_implicit: "",
      motives: [],
      arguments_used: [],
      supports_shown: "",
      objections_met: [],
      conclusion: "time_to_think",
      conclusion_fits_signals: true,
      signals: "",
      accessibility: { none_known: false, situations: [], adaptations: [], notes: "" },
      next_steps: [],
    };
  return {
    opportunity_id: r.opportunity_id ? String(r.opportunity_id) : "",
    information_level: r.information_level,
    needs_explicit: r.needs_explicit,
    needs_implicit: r.needs_implicit,
    motives: r.motives as S["Motive"][],
    arguments_used: (r.arguments_used as Used[]).map((a) => ({ ...a, product_reference: a.product_reference ?? "" })),
    supports_shown: r.supports_shown.join("\n"),
    objections_met: r.objections_met as Met[],
    conclusion: r.conclusion,
    conclusion_fits_signals: r.conclusion_fits_signals,
    signals: r.signals,
    accessibility: r.accessibility as AccessibilityDraft,
    next_steps: (r.next_steps as Step[]).map((s) => ({ title: s.title, due_on: s.due_on })),
  };
}

export function ReportPage() {
  const id = Number(useParams().id);
  const report = useQuery(interviewQueries.report(id));
  const context = useQuery(interviewQueries.context(id));
  return (
    <PageFrame title="Compte rendu d'entretien" operations={["save_report"]}>
      <QueryState query={context}>
        {(c) => (
          <>
            <p>
              <Link to={`/prospects/${c.prospect.id as number}`}>← {String(c.prospect.name)}</Link> — rendez-vous du{" "}
              {formatDate(String(c.appointment.starts_at), true)}
            </p>
            <QueryState query={report} isEmpty={() => false}>
              {(r) => (
                <ReportForm
                  key={r.found?.version ?? 0}
                  appointmentId={id}
                  report={r.found}
                  prospectId={c.prospect.id as number}
                />
              )}
            </QueryState>
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function ReportForm(props: { appointmentId: number; report: S["ReportOut"] | null; prospectId: number }) {
  const queryClient = useQueryClient();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const opportunities = useQuery(salesQueries.opportunities({ prospect_id: props.prospectId, limit: 50 }));
  const { values, set, setValues, submitWith } = useForm<Draft>(() => draftOf(props.report));
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.PUT("/api/v1/appointments/{appointment_id}/report", {
          params: { path: { appointment_id: props.appointmentId } },
          body: {
            version: props.report?.version ?? null,
            opportunity_id: d.opportunity_id ? Number(d.opportunity_id) : null,
            information_level: d.information_level,
            needs_explicit: d.needs_explicit,
            needs_implicit: d.needs_implicit,
            motives: d.motives,
            arguments_used: d.arguments_used.map((a) => ({ ...a, product_reference: a.product_reference || null })),
            supports_shown: d.supports_shown
              .split("\n")
              .map((s) => s.trim())
              .filter(Boolean),
            objections_met: d.objections_met,
            conclusion: d.conclusion,
            conclusion_fits_signals: d.conclusion_fits_signals,
            signals: d.signals,
            accessibility: d.accessibility,
            next_steps: d.next_steps,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["report", props.appointmentId] }),
  });
  const errors = fieldErrorsOf(save.error);
  const { edit, remove, add } = listEditors(setValues);
  return (
    <div>
      {props.report && (
        <>
          <Findings
            findings={props.report.findings}
            title="Compte rendu exploitable ?"
            done="Compte rendu exploitable : rien ne manque."
          />
          <p>
            <button
              type="button"
              onClick={() =>
                downloadFile(
                  `/api/v1/appointments/${props.appointmentId}/report/document?format=pdf`,
                  "compte-rendu.pdf",
                ).catch(setDownloadError)
              }
            >
              Télécharger le compte rendu en PDF
            </button>
          </p>
          <ErrorBanner error={downloadError} />
        </>
      )}
      <form className="card" aria-label="Compte rendu" noValidate onSubmit={submitWith((d) => save.mutate(d))}>
        <div className="form-grid">
          <Field label="Opportunité" error={errors.opportunity_id}>
            {(p) => (
              <select {...p} value={values.opportunity_id} onChange={(e) => set("opportunity_id", e.target.value)}>
                <option value="">Aucune</option>
                {opportunities.data?.items.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Niveau d'information constaté" error={errors.information_level}>
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
        </div>
        <Field label="Besoins exprimés" error={errors.needs_explicit}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.needs_explicit}
              onChange={(e) => set("needs_explicit", e.target.value)}
              maxLength={2000}
            />
          )}
        </Field>
        <Field label="Besoins implicites" error={errors.needs_implicit}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.needs_implicit}
              onChange={(e) => set("needs_implicit", e.target.value)}
              maxLength={2000}
            />
          )}
        </Field>
        <fieldset>
          <legend>Mobiles d'achat (SONCAS)</legend>
          {Object.entries(MOTIVES).map(([k, l]) => (
            <label key={k} className="checkbox">
              <input
                type="checkbox"
                checked={values.motives.includes(k as S["Motive"])}
                onChange={() =>
                  set(
                    "motives",
                    values.motives.includes(k as S["Motive"])
                      ? values.motives.filter((m) => m !== k)
                      : [...values.motives, k as S["Motive"]],
                  )
                }
              />{" "}
              {l}
            </label>
          ))}
        </fieldset>

        <h3>Arguments utilisés</h3>
        <ol className="quote-lines">
          {values.arguments_used.map((a, i) => (
            <li key={i}>
              <fieldset>
                <legend>Argument {i + 1}</legend>
                <Field label={`Caractéristique (argument ${i + 1})`} error={errors[`arguments_used.${i}.feature`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={a.feature}
                      onChange={(e) => edit("arguments_used", i, { feature: e.target.value })}
                      maxLength={500}
                    />
                  )}
                </Field>
                <Field label={`Avantage (argument ${i + 1})`} error={errors[`arguments_used.${i}.advantage`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={a.advantage}
                      onChange={(e) => edit("arguments_used", i, { advantage: e.target.value })}
                      maxLength={500}
                    />
                  )}
                </Field>
                <Field label={`Preuve (argument ${i + 1})`}>
                  {(p) => (
                    <input
                      {...p}
                      value={a.proof}
                      onChange={(e) => edit("arguments_used", i, { proof: e.target.value })}
                      maxLength={500}
                    />
                  )}
                </Field>
                <Field label={`Accueil (argument ${i + 1})`}>
                  {(p) => (
                    <select
                      {...p}
                      value={a.reception}
                      onChange={(e) => edit("arguments_used", i, { reception: e.target.value as Used["reception"] })}
                    >
                      {Object.entries(RECEPTIONS).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="button" onClick={() => remove("arguments_used", i)}>
                  Retirer l'argument {i + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() =>
            add("arguments_used", {
              product_reference: "",
              feature: "",
              advantage: "",
              proof: "",
              reception: "neutral",
            })
          }
        >
          Ajouter un argument
        </button>
        <Field label="Supports montrés (un par ligne)">
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.supports_shown}
              onChange={(e) => set("supports_shown", e.target.value)}
            />
          )}
        </Field>

        <h3>Objections rencontrées</h3>
        <ol className="quote-lines">
          {values.objections_met.map((o, i) => (
            <li key={i}>
              <fieldset>
                <legend>Objection {i + 1}</legend>
                <Field label={`Type (objection ${i + 1})`}>
                  {(p) => (
                    <select
                      {...p}
                      value={o.kind}
                      onChange={(e) => edit("objections_met", i, { kind: e.target.value as Met["kind"] })}
                    >
                      {Object.entries(OBJECTION_KINDS).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  label={`Ce qu'a dit le client (objection ${i + 1})`}
                  error={errors[`objections_met.${i}.objection`]}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={o.objection}
                      onChange={(e) => edit("objections_met", i, { objection: e.target.value })}
                      maxLength={500}
                    />
                  )}
                </Field>
                <Field label={`Technique (objection ${i + 1})`}>
                  {(p) => (
                    <select
                      {...p}
                      value={o.technique}
                      onChange={(e) => edit("objections_met", i, { technique: e.target.value as Met["technique"] })}
                    >
                      {Object.entries(TECHNIQUES).map(([k, l]) => (
                        <option key={k} value={k}>
                          {l}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={`Réponse donnée (objection ${i + 1})`}>
                  {(p) => (
                    <input
                      {...p}
                      value={o.answer}
                      onChange={(e) => edit("objections_met", i, { answer: e.target.value })}
                      maxLength={2000}
                    />
                  )}
                </Field>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={o.resolved}
                    onChange={(e) => edit("objections_met", i, { resolved: e.target.checked })}
                  />{" "}
                  Objection levée (objection {i + 1})
                </label>
                <button type="button" onClick={() => remove("objections_met", i)}>
                  Retirer l'objection {i + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() =>
            add("objections_met", {
              kind: "price",
              objection: "",
              technique: "reformulation",
              answer: "",
              resolved: false,
            })
          }
        >
          Ajouter une objection
        </button>

        <h3>Conclusion</h3>
        <div className="form-grid">
          <Field label="Conclusion de l'entretien" error={errors.conclusion}>
            {(p) => (
              <select
                {...p}
                value={values.conclusion}
                onChange={(e) => set("conclusion", e.target.value as Draft["conclusion"])}
              >
                {Object.entries(CONCLUSIONS).map(([k, l]) => (
                  <option key={k} value={k}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.conclusion_fits_signals}
            onChange={(e) => set("conclusion_fits_signals", e.target.checked)}
          />{" "}
          La conclusion correspond aux signaux observés
        </label>
        <Field label="Signaux d'achat ou de refus observés" error={errors.signals}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.signals}
              onChange={(e) => set("signals", e.target.value)}
              maxLength={2000}
            />
          )}
        </Field>

        <h3>Accessibilité</h3>
        <AccessibilityFields
          value={values.accessibility}
          onChange={(a) => set("accessibility", a)}
          adaptationsLegend="Adaptations faites"
        />

        <h3>Étapes suivantes (chacune devient une tâche)</h3>
        <ol className="quote-lines">
          {values.next_steps.map((s, i) => (
            <li key={i}>
              <fieldset>
                <legend>Étape {i + 1}</legend>
                <Field label={`Quoi (étape ${i + 1})`} error={errors[`next_steps.${i}.title`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={s.title}
                      onChange={(e) => edit("next_steps", i, { title: e.target.value })}
                      maxLength={200}
                    />
                  )}
                </Field>
                <Field label={`Pour le (étape ${i + 1})`} error={errors[`next_steps.${i}.due_on`]}>
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      value={s.due_on}
                      onChange={(e) => edit("next_steps", i, { due_on: e.target.value })}
                    />
                  )}
                </Field>
                <button type="button" onClick={() => remove("next_steps", i)}>
                  Retirer l'étape {i + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => add("next_steps", { title: "", due_on: "" })}>
          Ajouter une étape
        </button>

        {Object.keys(errors).length === 0 && <ErrorBanner error={save.error} />}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="alert alert-error">
            Des champs sont à corriger : voir les messages ci-dessus.
          </p>
        )}
        <p>
          <button type="submit" className="primary" disabled={save.isPending}>
            Enregistrer le compte rendu
          </button>
        </p>
      </form>
    </div>
  );
}
