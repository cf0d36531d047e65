// Working a data-subject request: carrying it out and closing it, or extending its deadline
// once with a reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged } from "../../api/queries/privacy";
import { fieldErrorsOf } from "../../api/problem";
import type { PrivacyRequestKind as Kind, PrivacyRequestOut as PrivacyRequest } from "../../api/types";
import { ErrorBanner, Field } from "../../components/ui";
import { useForm } from "../../components/useForm";

const CARRY_OUT: Record<Kind, string> = {
  access: "Envoyez à la personne les données téléchargées ci-dessus, puis clôturez : l'accès est noté au journal.",
  rectification: "Clôturer applique les rectifications demandées à la fiche.",
  erasure:
    "Clôturer anonymise définitivement la personne (identité, coordonnées, textes libres) ; les statistiques sont conservées.",
  objection: "Clôturer enregistre l'opposition et retire le consentement de prospection sur tous les canaux.",
};

export function useSettled() {
  const queryClient = useQueryClient();
  return () => {
    privacyChanged.request(queryClient);
  };
}

export function CompleteForm({ request: r }: { request: PrivacyRequest }) {
  const settled = useSettled();
  const { values, set, submitWith } = useForm({ response_note: "", confirmed: false });
  const complete = useMutation({
    mutationFn: (body: { response_note: string; reject: boolean }) =>
      unwrap(
        api.POST("/api/v1/privacy/requests/{privacy_request_id}/complete", {
          params: { path: { privacy_request_id: r.id } },
          body,
        }),
      ),
    onSuccess: settled,
  });
  const errors = fieldErrorsOf(complete.error);
  const needsConfirm = r.kind === "erasure";
  return (
    <form
      className="card"
      aria-label={`Clôturer la demande n° ${r.id}`}
      onSubmit={submitWith((v) => complete.mutate({ response_note: v.response_note, reject: false }))}
    >
      <h3>Répondre et clôturer</h3>
      <p className="hint">{CARRY_OUT[r.kind]}</p>
      <Field
        label="Réponse faite à la personne"
        hint="Obligatoire pour un refus : motivez-le."
        error={errors.response_note}
      >
        {(p) => <textarea {...p} value={values.response_note} onChange={(e) => set("response_note", e.target.value)} />}
      </Field>
      {needsConfirm && (
        <label className="check">
          <input type="checkbox" checked={values.confirmed} onChange={(e) => set("confirmed", e.target.checked)} />
          Je confirme l'effacement définitif
        </label>
      )}
      {complete.error && !errors.response_note && <ErrorBanner error={complete.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={complete.isPending || (needsConfirm && !values.confirmed)}>
          Exécuter et clôturer
        </button>
        <button
          type="button"
          disabled={complete.isPending}
          onClick={() => complete.mutate({ response_note: values.response_note, reject: true })}
        >
          Refuser la demande
        </button>
      </div>
    </form>
  );
}

export function ExtendForm({ request: r }: { request: PrivacyRequest }) {
  const settled = useSettled();
  const { values, set, submitWith } = useForm({ reason: "" });
  const extend = useMutation({
    mutationFn: (body: { reason: string }) =>
      unwrap(
        api.POST("/api/v1/privacy/requests/{privacy_request_id}/extend", {
          params: { path: { privacy_request_id: r.id } },
          body,
        }),
      ),
    onSuccess: settled,
  });
  const errors = fieldErrorsOf(extend.error);
  return (
    <form
      className="card"
      aria-label={`Prolonger la demande n° ${r.id}`}
      onSubmit={submitWith((v) => extend.mutate(v))}
    >
      <h3>Prolonger de deux mois</h3>
      <p className="hint">Une seule fois, pour une demande complexe ou nombreuse : prévenez la personne du motif.</p>
      <Field label="Motif de la prolongation" error={errors.reason}>
        {(p) => <textarea {...p} value={values.reason} onChange={(e) => set("reason", e.target.value)} />}
      </Field>
      {extend.error && !errors.reason && <ErrorBanner error={extend.error} />}
      <div className="form-actions">
        <button type="submit" disabled={extend.isPending}>
          Prolonger l'échéance
        </button>
      </div>
    </form>
  );
}
