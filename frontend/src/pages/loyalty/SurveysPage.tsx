// The satisfaction surveys (CP8.5): NPS or CSAT questionnaires sent to chosen customers (or an
// RFM segment) through the channel suited to each, their response rate and score; a new one
// from « Nouvelle enquête ».
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { Schemas as S, SurveyOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import {
  DisclosureButton,
  EmptyState,
  Field,
  Options,
  PageFrame,
  RequiredNote,
  SaveError,
  formatDate,
} from "../../components/ui";
import { CHANNELS, SURVEY_KINDS } from "../../labels/loyalty";
import { percent } from "../../labels/sales";
import { EMPTY_TARGET, npsScore, targetBody, targetChosen, type Target } from "./logic";
import { LoyaltyNav } from "./LoyaltyNav";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import { TargetPicker } from "./TargetPicker";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function scoreOf(s: Pick<SurveyOut, "kind" | "nps" | "csat">): string {
  if (s.kind === "nps") return `NPS ${npsScore(s.nps?.score)}`;
  return s.csat?.mean ? `CSAT ${s.csat.mean.replace(".", ",")} / 5` : "CSAT —";
}

export function SurveysPage() {
  const scope = useScope();
  const [adding, setAdding] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.surveys({ owner_id: scope.traineeId, sort: "-sent_on", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Enquêtes de satisfaction"
      operations={scope.staff ? [] : ["create_survey", "record_survey_response"]}
      actions={
        !scope.staff && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle enquête
          </DisclosureButton>
        )
      }
    >
      <LoyaltyNav />
      {adding && <SurveyForm onCancel={() => setAdding(false)} />}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune enquête.">
            Une enquête NPS ou CSAT mesure la satisfaction des clients : « Nouvelle enquête ».
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Enquêtes de satisfaction"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Enquête",
              "Type",
              "Envoyée le",
              { label: "Envoyées", className: "num" },
              { label: "Refusées", className: "num" },
              { label: "Réponses", className: "num" },
              { label: "Taux de réponse", className: "num" },
              "Score",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/fidelisation/enquetes/${s.id}${scopeSearch(scope)}`}>{s.title}</Link>
                </th>
                <td>{s.kind.toUpperCase()}</td>
                <td className="nowrap">{formatDate(s.sent_on)}</td>
                <td className="num">{s.sent}</td>
                <td className="num">{s.refused}</td>
                <td className="num">{s.answers}</td>
                <td className="num">{s.response_rate ? percent(s.response_rate) : "—"}</td>
                <td>{scoreOf(s)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

type Draft = { kind: S["SurveyKind"]; title: string; question: string; channel: S["Channel"] | "" };

const QUESTIONS: Record<S["SurveyKind"], string> = {
  nps: "Sur une échelle de 0 à 10, recommanderiez-vous nos services à un confrère ?",
  csat: "Sur une échelle de 1 à 5, êtes-vous satisfait de nos services ?",
};

function SurveyForm({ onCancel }: { onCancel: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [target, setTarget] = useState<Target>(EMPTY_TARGET);
  const [local, setLocal] = useState("");
  const { values, set, submitWith } = useForm<Draft>({ kind: "nps", title: "", question: QUESTIONS.nps, channel: "" });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.POST("/api/v1/surveys", {
          body: {
            kind: d.kind,
            title: d.title,
            question: d.question,
            channel: d.channel || null,
            ...targetBody(target),
          },
        }),
      ),
    onSuccess: async (s) => {
      await loyaltyChanged.survey(queryClient, s.id);
      navigate(`/fidelisation/enquetes/${s.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="card form-grid"
      aria-label="Nouvelle enquête"
      noValidate
      onSubmit={submitWith((d) => {
        if (!targetChosen(target)) {
          setLocal(target.mode === "segment" ? "Choisissez un segment." : "Cochez au moins un client.");
          return;
        }
        setLocal("");
        save.mutate(d);
      })}
    >
      <h2 className="wide">Nouvelle enquête</h2>
      <RequiredNote />
      <Field label="Type d'enquête" error={errors.kind} required>
        {(p) => (
          <select
            {...p}
            value={values.kind}
            onChange={(e) => {
              const kind = e.target.value as S["SurveyKind"];
              set("kind", kind);
              if (values.question === QUESTIONS[values.kind]) set("question", QUESTIONS[kind]);
            }}
          >
            <Options labels={SURVEY_KINDS} />
          </select>
        )}
      </Field>
      <Field label="Titre de l'enquête" error={errors.title} required>
        {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Question posée" error={errors.question} required>
          {(p) => (
            <textarea {...p} rows={2} value={values.question} onChange={(e) => set("question", e.target.value)} />
          )}
        </Field>
      </div>
      <Field label="Canal" error={errors.channel} hint="Vide : le canal préféré de chaque client, s'il est permis.">
        {(p) => (
          <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as Draft["channel"])}>
            <option value="">Le mieux adapté à chaque client</option>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
      <div className="wide">
        <TargetPicker legend="Clients interrogés" value={target} onChange={setTarget} errors={errors} />
        {local && <p className="field-error">{local}</p>}
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Envoi…" : "Envoyer l'enquête"}
        </button>
        <button type="button" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
