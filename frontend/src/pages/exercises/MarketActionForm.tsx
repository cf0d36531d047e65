// A call or an e-mail to a prospect of the run's market, at an hour of the run's simulated
// day: the channel policy decides first (a refusal is shown with its rule, nothing is
// recorded), then the market answers, and the answer is written in the file as an exchange
// (with its appointment, its next contact).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { exercisesChanged } from "../../api/queries/exercises";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { AnswerOut, ProspectOut } from "../../api/types";
import { Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { channelRefusal } from "../prospects/problems";
import { AnswerView, MarketRefusal } from "./AnswerView";

const HOURS = Array.from({ length: 15 }, (_, i) => i + 7); // 7 h … 21 h

type Values = { hour: string; script: string; persona: string; personalised: boolean; notes: string };

export function MarketActionForm(props: {
  runId: number;
  prospect: ProspectOut;
  channel: "phone" | "email";
  onClose: () => void;
}) {
  const { runId, prospect, channel } = props;
  const queryClient = useQueryClient();
  const phone = channel === "phone";
  const scripts = useQuery({ ...prospectQueries.scriptOptions(), enabled: phone });
  const personas = useQuery(prospectQueries.personaOptions());
  const { values, set, submitWith } = useForm<Values>({
    hour: phone ? "10" : "9",
    script: "",
    persona: "",
    personalised: false,
    notes: "",
  });
  const [sent, setSent] = useState<{ answer: AnswerOut; hour: number } | null>(null);
  const send = useMutation({
    mutationFn: (v: Values) => {
      const path = { params: { path: { run_id: runId } } };
      const common = {
        prospect_id: prospect.id,
        hour: Number(v.hour),
        persona_id: v.persona ? Number(v.persona) : null,
        notes: v.notes,
      };
      return phone
        ? unwrap(
            api.POST("/api/v1/exercise-runs/{run_id}/calls", {
              ...path,
              body: { ...common, call_script_id: v.script ? Number(v.script) : null },
            }),
          )
        : unwrap(
            api.POST("/api/v1/exercise-runs/{run_id}/emails", {
              ...path,
              body: { ...common, personalised: v.personalised },
            }),
          );
    },
    onMutate: () => setSent(null),
    onSuccess: (answer, v) => {
      setSent({ answer, hour: Number(v.hour) });
      void exercisesChanged.run(queryClient);
      void prospectsChanged.interaction(queryClient, prospect.id);
    },
  });
  const errors = fieldErrorsOf(send.error);
  const refusal = channelRefusal(send.error);
  const title = `${phone ? "Appeler" : "Écrire à"} ${prospect.name}`;
  const titleId = `market-action-${channel}`;
  return (
    <section className="card market-action" aria-labelledby={titleId}>
      <h3 id={titleId} tabIndex={-1}>
        {title}
      </h3>
      <form className="form-grid" aria-labelledby={titleId} noValidate onSubmit={submitWith((v) => send.mutate(v))}>
        <Field
          label={phone ? "Heure de l'appel" : "Heure d'envoi"}
          hint="Heure du jour simulé : le décroché dépend de la tranche horaire et de la personne."
          error={errors.hour}
        >
          {(p) => (
            <select {...p} value={values.hour} onChange={(e) => set("hour", e.target.value)}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {h} h
                </option>
              ))}
            </select>
          )}
        </Field>
        {phone && (
          <Field label="Script d'appel (facultatif)" error={errors.call_script_id}>
            {(p) => (
              <select {...p} value={values.script} onChange={(e) => set("script", e.target.value)}>
                <option value="">Sans script</option>
                {scripts.data?.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Persona visé (facultatif)"
          hint="La cible de votre plan : un prospect qui lui correspond répond mieux."
          error={errors.persona_id}
        >
          {(p) => (
            <select {...p} value={values.persona} onChange={(e) => set("persona", e.target.value)}>
              <option value="">Aucun</option>
              {personas.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!phone && (
          <label className="check">
            <input
              type="checkbox"
              checked={values.personalised}
              onChange={(e) => set("personalised", e.target.checked)}
            />
            Message personnalisé au destinataire
          </label>
        )}
        <div className="wide">
          <Field label={phone ? "Compte rendu (facultatif)" : "Objet et message (facultatif)"} error={errors.notes}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={5000}
                value={values.notes}
                onChange={(e) => set("notes", e.target.value)}
              />
            )}
          </Field>
        </div>
        {errors.prospect_id && <p className="wide field-error">{errors.prospect_id}</p>}
        <div className="wide">
          {refusal ? <MarketRefusal refusal={refusal} channel={channel} /> : <SaveError error={send.error} />}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? "Le marché répond…" : phone ? "Appeler" : "Envoyer l'e-mail"}
          </button>
          <button type="button" onClick={props.onClose}>
            Fermer
          </button>
        </div>
      </form>
      {sent && <AnswerView answer={sent.answer} channel={channel} prospect={prospect} hour={sent.hour} />}
    </section>
  );
}
