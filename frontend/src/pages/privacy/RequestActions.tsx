// Working a data-subject request: carrying it out and closing it, or extending its deadline
// once with a reason.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged } from "../../api/queries/privacy";
import { fieldErrorsOf } from "../../api/problem";
import type { PrivacyRequestKind as Kind, PrivacyRequestOut as PrivacyRequest } from "../../api/types";
import { ErrorBanner, Field } from "../../components/ui";

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
  const [note, setNote] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const complete = useMutation({
    mutationFn: (reject: boolean) =>
      unwrap(
        api.POST("/api/v1/privacy/requests/{privacy_request_id}/complete", {
          params: { path: { privacy_request_id: r.id } },
          body: { response_note: note, reject },
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
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        complete.mutate(false);
      }}
    >
      <h3>Répondre et clôturer</h3>
      <p className="hint">{CARRY_OUT[r.kind]}</p>
      <Field
        label="Réponse faite à la personne"
        hint="Obligatoire pour un refus : motivez-le."
        error={errors.response_note}
      >
        {(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {needsConfirm && (
        <label className="check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          Je confirme l'effacement définitif
        </label>
      )}
      {complete.error && !errors.response_note && <ErrorBanner error={complete.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={complete.isPending || (needsConfirm && !confirmed)}>
          Exécuter et clôturer
        </button>
        <button type="button" disabled={complete.isPending} onClick={() => complete.mutate(true)}>
          Refuser la demande
        </button>
      </div>
    </form>
  );
}

export function ExtendForm({ request: r }: { request: PrivacyRequest }) {
  const settled = useSettled();
  const [reason, setReason] = useState("");
  const extend = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/privacy/requests/{privacy_request_id}/extend", {
          params: { path: { privacy_request_id: r.id } },
          body: { reason },
        }),
      ),
    onSuccess: settled,
  });
  const errors = fieldErrorsOf(extend.error);
  return (
    <form
      className="card"
      aria-label={`Prolonger la demande n° ${r.id}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        extend.mutate();
      }}
    >
      <h3>Prolonger de deux mois</h3>
      <p className="hint">Une seule fois, pour une demande complexe ou nombreuse : prévenez la personne du motif.</p>
      <Field label="Motif de la prolongation" error={errors.reason}>
        {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
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
