// One quote: its figures (the server's), the draft's editor, the breakdown of the calculation,
// the trainee's figure checker, and what comes next — send it (numbered, frozen), record the
// client's answer, revise it, download it as PDF; once accepted, record the order (once).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { downloadFile } from "../../api/download";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import { salesChanged, salesQueries } from "../../api/queries/sales";
import type { QuoteDetail } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useIsMine } from "../../components/ReadOnly";
import { DisclosureButton, ErrorBanner, Notice, PageFrame, formatDate } from "../../components/ui";
import { existingOrderOf } from "../followup/logic";
import { Breakdown } from "./Breakdown";
import { FigureChecker } from "./FigureChecker";
import { QuoteEditor } from "./QuoteEditor";
import { QuoteFigures } from "./QuoteFigures";
import { QuoteStatusBadge } from "./QuoteStatusBadge";
import "./sales.css";

export function QuotePage() {
  const id = Number(useParams().id);
  const quote = useQuery(salesQueries.quote(id));
  const [showSteps, setShowSteps] = useState(false);
  return (
    <QueryState query={quote}>
      {(q) => (
        <PageFrame
          title={q.reference ? `Devis ${q.reference}` : `Projet de devis n°${q.id}`}
          operations={["update_quote", "send_quote", "check_quote", "create_order"]}
          actions={<DownloadButton quote={q} />}
        >
          <p>
            <Link to={`/ventes/opportunites/${q.opportunity_id}`}>← Opportunité</Link> — {q.prospect_name} —{" "}
            <QuoteStatusBadge status={q.status} approval={q.approval_status} /> — valable jusqu'au{" "}
            {formatDate(q.valid_until)}
          </p>
          {q.approval_status !== "none" && (
            <p className="muted">
              Demande d'accord : {q.approval_reason || "—"}
              {q.approval_comment ? ` — réponse du manager : ${q.approval_comment}` : ""}
            </p>
          )}
          <QuoteFigures figures={q.figures} />
          <QuoteActions quote={q} />
          {q.status === "accepted" && <QuoteOrder quote={q} />}
          {q.status === "draft" && <QuoteEditor key={q.version} quote={q} />}
          <DisclosureButton
            open={showSteps}
            onToggle={() => setShowSteps(!showSteps)}
            closeLabel="Masquer le détail du calcul"
          >
            Afficher le détail du calcul
          </DisclosureButton>
          {showSteps && <Breakdown quoteId={q.id} />}
          <FigureChecker quoteId={q.id} figures={q.figures} />
        </PageFrame>
      )}
    </QueryState>
  );
}

function DownloadButton({ quote }: { quote: QuoteDetail }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        onClick={() =>
          downloadFile(`/api/v1/quotes/${quote.id}/document?format=pdf`, `devis-${quote.id}.pdf`).catch(setError)
        }
      >
        Télécharger le PDF
      </button>
      <ErrorBanner error={error} />
    </>
  );
}

function QuoteActions({ quote: q }: { quote: QuoteDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState("");
  const step = useMutation({
    mutationFn: async (action: "send" | "accept" | "refuse" | "revise") => {
      const path = { params: { path: { quote_id: q.id } } };
      if (action === "send")
        return unwrap(api.POST("/api/v1/quotes/{quote_id}/send", { ...path, body: { version: q.version } }));
      if (action === "revise")
        return unwrap(api.POST("/api/v1/quotes/{quote_id}/revise", { ...path, body: { version: q.version } }));
      return unwrap(
        api.POST("/api/v1/quotes/{quote_id}/answer", {
          ...path,
          body: { version: q.version, accepted: action === "accept", refusal_reason: reason },
        }),
      );
    },
    onSuccess: async (saved, action) => {
      await salesChanged.quote(queryClient, q.id, q.opportunity_id);
      if (action === "revise") navigate(`/ventes/devis/${saved.id}`);
      else
        setNotice(
          action === "send"
            ? `Devis envoyé : n° ${saved.reference}.`
            : action === "accept"
              ? "Devis accepté : l'opportunité est gagnée."
              : "Refus enregistré.",
        );
    },
  });
  return (
    <div className="card">
      {notice && <Notice>{notice}</Notice>}
      <div className="row-actions">
        {q.status === "draft" && (
          <button type="button" className="primary" disabled={step.isPending} onClick={() => step.mutate("send")}>
            Envoyer le devis
          </button>
        )}
        {q.status === "sent" && (
          <>
            <button type="button" disabled={step.isPending} onClick={() => step.mutate("accept")}>
              Le client accepte
            </button>
            <button type="button" disabled={step.isPending} onClick={() => setRefusing(true)}>
              Le client refuse
            </button>
          </>
        )}
        {(q.status === "sent" || q.status === "refused" || q.status === "expired") && (
          <button type="button" disabled={step.isPending} onClick={() => step.mutate("revise")}>
            Réviser le devis
          </button>
        )}
      </div>
      {refusing && (
        <form
          noValidate
          aria-label="Refus du client"
          onSubmit={(e) => {
            e.preventDefault();
            step.mutate("refuse");
          }}
        >
          <label>
            Raison du refus <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </label>{" "}
          <button type="submit">Enregistrer le refus</button>
        </form>
      )}
      <ErrorBanner error={step.error} />
    </div>
  );
}

/** An accepted quote becomes an order, once: the order made from it (`GET /orders?quote_id=`),
 * or « Enregistrer la commande » (a second order is refused, naming the first: linked). */
function QuoteOrder({ quote: q }: { quote: QuoteDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const orders = useQuery(followUpQueries.orders({ quote_id: q.id, limit: 1 }));
  const made = orders.data?.items[0];
  // Staff read a trainee's quote: the order is the trainee's to record.
  const mine = useIsMine(q.owner_id);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/orders", { body: { quote_id: q.id } })),
    onSuccess: async (order) => {
      await followUpChanged.order(queryClient, order.id);
      navigate(`/commandes/${order.id}`);
    },
    onError: (error) => {
      const id = existingOrderOf(error);
      if (id !== null) void followUpChanged.order(queryClient, id);
    },
  });
  // Recorded meanwhile (another tab): the refusal names the order.
  const existing = existingOrderOf(create.error);
  return (
    <div className="card">
      <h2>Commande</h2>
      {made ? (
        <p>
          Ce devis est la commande <Link to={`/commandes/${made.id}`}>{made.number}</Link>.
        </p>
      ) : existing !== null ? (
        <p>
          Ce devis est déjà une commande : <Link to={`/commandes/${existing}`}>voir la commande</Link>.
        </p>
      ) : !mine ? (
        <p>Aucune commande enregistrée pour ce devis.</p>
      ) : (
        <>
          <p>Le client a accepté le devis : enregistrez sa commande (ses lignes et ses prix sont repris tels quels).</p>
          <button
            type="button"
            className="primary"
            disabled={orders.isPending || create.isPending}
            onClick={() => create.mutate()}
          >
            Enregistrer la commande
          </button>
        </>
      )}
      <ErrorBanner error={existing !== null ? null : (create.error ?? orders.error)} />
    </div>
  );
}
