// One cause: its title and status, the rule that found it (or the trainee's own), its
// explanation, figures and the records behind it; the trainee confirms or rejects it with a
// comment (a cause of their own is deleted, not rejected).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { isStaleVersion } from "../../api/problem";
import { analysesChanged } from "../../api/queries/analyses";
import type { CauseOut } from "../../api/types";
import { isTutor, useAuth } from "../../auth/AuthContext";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, ErrorBanner, Field, SaveError, formatDate } from "../../components/ui";
import { CAUSE_STATUSES, CAUSE_STATUS_CLASS } from "../../labels/analyses";
import { FiguresList } from "./FiguresList";

type Link_ = { kind?: string; id?: number; label?: string; href?: string | null };

export function CauseItem({ cause: c }: { cause: CauseOut }) {
  const readOnly = useReadOnly();
  const tutor = isTutor(useAuth().me);
  const [deciding, setDeciding] = useState(c.status === "proposed");
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/causes/{cause_id}", { params: { path: { cause_id: c.id } } })),
    onSuccess: () => analysesChanged.analysis(queryClient, c.analysis_id),
  });
  const titleId = `cause-${c.id}`;
  const links = (c.links as Link_[]).filter((l) => l.label);
  return (
    <article className="cause" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {c.title} <span className={`status ${CAUSE_STATUS_CLASS[c.status]}`}>{CAUSE_STATUSES[c.status]}</span>
      </h3>
      <p className="muted">
        {c.rule_label ? `Règle « ${c.rule_label} »` : "Cause ajoutée par le stagiaire"} · critère {c.criterion}
      </p>
      {c.explanation && <p>{c.explanation}</p>}
      <FiguresList figures={c.figures} label={`Chiffres de « ${c.title} »`} />
      {links.length > 0 && (
        <p className="cause-links">
          Fiches concernées :{" "}
          {links.map((l, i) => (
            <span key={`${l.kind}-${l.id}-${i}`}>
              {i > 0 && ", "}
              {l.href && !tutor ? <Link to={l.href}>{l.label}</Link> : l.label}
            </span>
          ))}
        </p>
      )}
      {c.decided_at && c.status !== "proposed" && (
        <p>
          {c.status === "confirmed" ? "Confirmée" : "Rejetée"} le {formatDate(c.decided_at)}
          {c.comment && ` : « ${c.comment} »`}
        </p>
      )}
      {!readOnly && (
        <div className="button-row">
          {c.rule_code === null ? (
            <ConfirmButton
              label="Supprimer la cause"
              question={`Supprimer la cause « ${c.title} » ?`}
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
          ) : (
            c.status !== "proposed" && (
              <DisclosureButton open={deciding} onToggle={() => setDeciding(!deciding)} closeLabel="Garder la décision">
                Revenir sur la décision
              </DisclosureButton>
            )
          )}
          <ErrorBanner error={remove.error} />
        </div>
      )}
      {!readOnly && c.rule_code !== null && deciding && <DecisionForm cause={c} onDone={() => setDeciding(false)} />}
    </article>
  );
}

function DecisionForm({ cause: c, onDone }: { cause: CauseOut; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState(c.comment);
  const decide = useMutation({
    mutationFn: (decision: "confirmed" | "rejected") =>
      unwrap(
        api.POST("/api/v1/causes/{cause_id}/decision", {
          params: { path: { cause_id: c.id } },
          body: { decision, comment: comment.trim(), version: c.version },
        }),
      ),
    onSuccess: async () => {
      await analysesChanged.analysis(queryClient, c.analysis_id);
      onDone();
    },
  });
  const stale = isStaleVersion(decide.error);
  return (
    <form
      className="cause-decision"
      aria-label={`Décision sur « ${c.title} »`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        decide.mutate("confirmed");
      }}
    >
      <Field label="Commentaire (facultatif)" hint="Ce qui confirme la cause, ou pourquoi elle ne tient pas.">
        {(p) => <textarea {...p} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      {stale ? (
        <div role="alert" className="alert alert-error">
          Cette cause a changé entre-temps (un nouveau diagnostic ?) : rechargez la page pour partir de sa version
          actuelle.
        </div>
      ) : (
        <SaveError error={decide.error} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={decide.isPending}>
          Confirmer la cause
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate("rejected")}>
          Rejeter la cause
        </button>
      </div>
    </form>
  );
}
