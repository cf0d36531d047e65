// A survey (CP8.5): the NPS (promoters − detractors, in points) with its promoters, passives
// and detractors and the distribution of the scores 0–10 (or the CSAT's mean and 1–5
// distribution); every customer asked, their answer and verbatim, and the follow-up task the
// server makes for each detractor (linked); the answers to record; the customers no channel
// could reach (refused, with the rule).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { SurveyDetailOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { EmptyState, Field, Notice, PageFrame, RequiredNote, SaveError, formatDate } from "../../components/ui";
import { CHANNELS, NPS_CATEGORIES } from "../../labels/loyalty";
import { percent } from "../../labels/sales";
import { DistributionChart } from "./NpsChart";
import { npsScore } from "./logic";
import { LoyaltyNav } from "./LoyaltyNav";
import { MessagesTable } from "./MessagesTable";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

export function SurveyPage() {
  const id = Number(useParams().id);
  const scope = useScope();
  const survey = useQuery({ ...loyaltyQueries.survey(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={survey.data ? `Enquête : ${survey.data.title}` : "Enquête"}
      operations={scope.staff ? [] : ["record_survey_response"]}
    >
      <LoyaltyNav />
      <p>
        <Link to={`/fidelisation/enquetes${scopeSearch(scope)}`}>← Enquêtes</Link>
      </p>
      <QueryState query={survey} busyLabel="Chargement de l'enquête…">
        {(s) => (
          <>
            <p>
              « {s.question} » — envoyée le {formatDate(s.sent_on)} à {s.sent} client(s)
              {s.refused > 0 && `, ${s.refused} refus de la politique des canaux`} ; {s.answers} réponse(s)
              {s.response_rate ? ` (taux de réponse ${percent(s.response_rate)})` : ""}.
            </p>
            {s.kind === "nps" ? <NpsSummary survey={s} /> : <CsatSummary survey={s} />}
            {!scope.staff && <AnswerForm survey={s} />}
            <Responses survey={s} />
            {s.refusals.length > 0 && (
              <section className="card" aria-labelledby="survey-refusals">
                <h2 id="survey-refusals">Clients que l'enquête n'a pas pu joindre</h2>
                <MessagesTable messages={s.refusals} caption="Envois refusés par la politique des canaux" />
              </section>
            )}
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function NpsSummary({ survey: s }: { survey: SurveyDetailOut }) {
  const n = s.nps;
  if (!n) return null;
  const total = n.promoters + n.passives + n.detractors;
  const share = (k: number) => (total ? ` (${Math.round((k / total) * 100)} %)` : "");
  return (
    <section className="card" aria-labelledby="survey-nps">
      <h2 id="survey-nps">Net Promoter Score</h2>
      <p className="nps-score" aria-describedby="nps-help">
        NPS : {npsScore(n.score)}
      </p>
      <p id="nps-help" className="hint">
        Part des promoteurs (9–10) moins part des détracteurs (0–6), en points, de −100 à +100.
      </p>
      <dl className="figures-grid">
        <div>
          <dt>Promoteurs (9–10)</dt>
          <dd>
            {n.promoters}
            {share(n.promoters)}
          </dd>
        </div>
        <div>
          <dt>Passifs (7–8)</dt>
          <dd>
            {n.passives}
            {share(n.passives)}
          </dd>
        </div>
        <div>
          <dt>Détracteurs (0–6)</dt>
          <dd>
            {n.detractors}
            {share(n.detractors)}
          </dd>
        </div>
      </dl>
      <DistributionChart distribution={n.distribution} kind="nps" caption="Répartition des notes de 0 à 10" />
    </section>
  );
}

function CsatSummary({ survey: s }: { survey: SurveyDetailOut }) {
  const c = s.csat;
  if (!c) return null;
  return (
    <section className="card" aria-labelledby="survey-csat">
      <h2 id="survey-csat">Satisfaction (CSAT)</h2>
      <dl className="figures-grid">
        <div>
          <dt>Note moyenne</dt>
          <dd>{c.mean ? `${c.mean.replace(".", ",")} / 5` : "—"}</dd>
        </div>
        <div>
          <dt>Clients satisfaits (4–5)</dt>
          <dd>{c.satisfied_rate ? percent(c.satisfied_rate) : "—"}</dd>
        </div>
      </dl>
      <DistributionChart distribution={c.distribution} kind="csat" caption="Répartition des notes de 1 à 5" />
    </section>
  );
}

function Responses({ survey: s }: { survey: SurveyDetailOut }) {
  return (
    <section className="card" aria-labelledby="survey-responses">
      <h2 id="survey-responses">Réponses et verbatims</h2>
      {s.responses.length === 0 ? (
        <EmptyState title="Aucun client interrogé." />
      ) : (
        <DataTable
          caption="Clients interrogés, leur note et leur verbatim"
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          headers={["Client", "Canal", "Note", "Catégorie", "Verbatim", "Répondu le", "Suite"]}
        >
          {s.responses.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/fidelisation/clients/${r.prospect_id}`}>{r.prospect_name}</Link>
              </th>
              <td>{CHANNELS[r.channel]}</td>
              <td>{r.score === null ? "pas de réponse" : `${r.score}/${s.kind === "nps" ? 10 : 5}`}</td>
              <td>
                {r.category ? (
                  <span
                    className={`status ${r.category === "detractor" ? "status-error" : r.category === "promoter" ? "status-ok" : "status-paused"}`}
                  >
                    {NPS_CATEGORIES[r.category] ?? r.category}
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td>{r.verbatim ? `« ${r.verbatim} »` : "—"}</td>
              <td className="nowrap">{formatDate(r.answered_on)}</td>
              <td>
                {r.task_id !== null ? (
                  <Link to={`/agenda/taches?tache=${r.task_id}`}>
                    Tâche de rappel<span className="sr-only"> de {r.prospect_name}</span>
                  </Link>
                ) : r.category === "detractor" ? (
                  "aucune tâche"
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

type Draft = { prospect_id: string; score: string; verbatim: string; answered_on: string };

function AnswerForm({ survey: s }: { survey: SurveyDetailOut }) {
  const queryClient = useQueryClient();
  const waiting = s.responses.filter((r) => r.score === null);
  const [notice, setNotice] = useState("");
  const { values, set, setValues, submitWith } = useForm<Draft>({
    prospect_id: "",
    score: "",
    verbatim: "",
    answered_on: "",
  });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.POST("/api/v1/surveys/{survey_id}/responses", {
          params: { path: { survey_id: s.id } },
          body: {
            prospect_id: Number(d.prospect_id),
            score: Number(d.score),
            verbatim: d.verbatim,
            answered_on: d.answered_on || null,
          },
        }),
      ),
    onSuccess: async (r) => {
      await loyaltyChanged.survey(queryClient, s.id);
      setNotice(
        `Réponse de ${r.prospect_name} enregistrée (${r.score}/${s.kind === "nps" ? 10 : 5})${r.task_id !== null ? " : détracteur, une tâche de rappel est créée." : "."}`,
      );
      setValues({ prospect_id: "", score: "", verbatim: "", answered_on: "" });
    },
  });
  // What the form finds itself (nothing sent): a client and a score are needed.
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const scores = s.kind === "nps" ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  return (
    <section className="card" aria-labelledby="survey-answer">
      <h2 id="survey-answer">Enregistrer une réponse</h2>
      {notice && <Notice>{notice}</Notice>}
      {waiting.length === 0 ? (
        <p>Tous les clients interrogés ont répondu.</p>
      ) : (
        <form
          className="form-grid"
          aria-label="Enregistrer une réponse"
          noValidate
          onSubmit={submitWith((d) => {
            setNotice("");
            const missing: Record<string, string> = {};
            if (!d.prospect_id) missing.prospect_id = "Choisissez le client qui a répondu.";
            if (d.score === "") missing.score = "Choisissez sa note.";
            setLocal(missing);
            if (Object.keys(missing).length === 0) save.mutate(d);
          })}
        >
          <RequiredNote />
          <Field label="Client" error={errors.prospect_id} required>
            {(p) => (
              <select {...p} value={values.prospect_id} onChange={(e) => set("prospect_id", e.target.value)}>
                <option value="">Choisir un client sans réponse</option>
                {waiting.map((r) => (
                  <option key={r.prospect_id} value={r.prospect_id}>
                    {r.prospect_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={s.kind === "nps" ? "Note de 0 à 10" : "Note de 1 à 5"}
            error={errors.score}
            hint={s.kind === "nps" ? "0 à 6 : détracteur (une tâche de rappel est créée)." : undefined}
            required
          >
            {(p) => (
              <select {...p} value={values.score} onChange={(e) => set("score", e.target.value)}>
                <option value="">Choisir</option>
                {scores.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Répondu le" hint="Vide : aujourd'hui." error={errors.answered_on}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={values.answered_on}
                onChange={(e) => set("answered_on", e.target.value)}
              />
            )}
          </Field>
          <div className="wide">
            <Field label="Verbatim" error={errors.verbatim} hint="Les mots du client, tels quels.">
              {(p) => (
                <textarea {...p} rows={2} value={values.verbatim} onChange={(e) => set("verbatim", e.target.value)} />
              )}
            </Field>
          </div>
          <div className="wide">
            {Object.keys(local).length > 0 ? (
              <Notice>Corrigez les champs signalés.</Notice>
            ) : (
              <SaveError error={save.error} />
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Enregistrer la réponse
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
