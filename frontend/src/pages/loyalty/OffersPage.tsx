// The loyalty offers (CP8.1): each offer's customer, rule, value and validity, its status;
// the client's answer (accepted, declined), an accepted offer turned into a quote or an
// order; for staff, the offers waiting for the manager's approval, approved or refused
// with a comment.
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { OfferOut, Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { EmptyState, ErrorBanner, Field, PageFrame, formatDate } from "../../components/ui";
import { CHANNELS, OFFER_STATUSES, OFFER_STATUS_CLASS } from "../../labels/loyalty";
import { euros } from "../../labels/sales";
import { StatusBadge } from "../followup/StatusBadge";
import { LoyaltyNav } from "./LoyaltyNav";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope, type Scope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function OffersPage() {
  const scope = useScope();
  const { filters, filter, offset, setOffset } = useFilters<{ status: S["OfferStatus"] | "" }>({
    status: scope.staff ? "pending_approval" : "",
  });
  const list = useQuery({
    ...loyaltyQueries.offers({
      owner_id: scope.traineeId,
      status: filters.status || undefined,
      sort: "-created_at",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title={scope.staff ? "Offres de fidélisation à accorder" : "Offres de fidélisation"}
      operations={scope.staff ? ["decide_offer"] : ["create_offer", "answer_offer", "convert_offer"]}
      actions={
        !scope.staff && (
          <Link className="action-link" to="/fidelisation/offres/nouvelle">
            Nouvelle offre
          </Link>
        )
      }
    >
      {(!scope.staff || scope.traineeId) && <LoyaltyNav />}
      <div className="filters">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={OFFER_STATUSES}
          onChange={(v) => filter("status", v)}
        />
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune offre.">
            {scope.staff
              ? "Aucune offre n'attend votre accord."
              : "Une offre se prépare depuis un client ou une recommandation : « Nouvelle offre »."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Offres de fidélisation"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Offre",
              "Client",
              "Règle",
              { label: "Brut HT", className: "num" },
              { label: "Remises HT", className: "num" },
              "Valable jusqu'au",
              "Canal",
              "Statut",
              "Suite",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  {o.title}
                  {o.recommended && <small className="muted"> (recommandation)</small>}
                  <br />
                  <small className="muted">{o.lines.map((l) => `${l.label} −${l.discount} %`).join(", ")}</small>
                </th>
                <td>
                  <Link to={`/fidelisation/clients/${o.prospect_id}${scopeSearch(scope)}`}>{o.prospect_name}</Link>
                </td>
                <td>{o.rule_label}</td>
                <td className="num">{euros(o.gross_ht)}</td>
                <td className="num">{euros(o.value_ht)}</td>
                <td className="nowrap">{formatDate(o.valid_until)}</td>
                <td>{CHANNELS[o.channel]}</td>
                <td>
                  <StatusBadge value={o.status} labels={OFFER_STATUSES} classes={OFFER_STATUS_CLASS} />
                </td>
                <td>
                  <OfferActions offer={o} scope={scope} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

function OfferActions({ offer: o, scope }: { offer: OfferOut; scope: Scope }) {
  const queryClient = useQueryClient();
  const done = () => loyaltyChanged.offers(queryClient);
  const answer = useMutation({
    mutationFn: (accepted: boolean) =>
      unwrap(
        api.POST("/api/v1/offers/{offer_id}/answer", {
          params: { path: { offer_id: o.id } },
          body: { version: o.version, accepted },
        }),
      ),
    onSuccess: done,
  });
  const convert = useMutation({
    mutationFn: (to: "quote" | "order") =>
      unwrap(
        api.POST("/api/v1/offers/{offer_id}/convert", {
          params: { path: { offer_id: o.id } },
          body: { version: o.version, to },
        }),
      ),
    onSuccess: done,
  });
  const who = <span className="sr-only"> ({o.title})</span>;
  if (o.status === "pending_approval")
    return scope.staff ? (
      <ApprovalForm offer={o} />
    ) : (
      <p>
        En attente de l'accord du responsable.
        {o.approval_reason && <small className="muted"> Demande : {o.approval_reason}</small>}
      </p>
    );
  if (o.status === "refused") return <p>Refus du responsable : {o.approval_comment || "—"}</p>;
  if (o.status === "converted")
    return o.quote_id ? (
      <Link to={`/ventes/devis/${o.quote_id}`}>Devis de l'offre{who}</Link>
    ) : o.order_id ? (
      <Link to={`/commandes/${o.order_id}`}>Commande de l'offre{who}</Link>
    ) : null;
  if (o.status === "declined") return <p>Déclinée le {formatDate(o.answered_on)}</p>;
  if (scope.staff) return null;
  if (o.status === "proposed")
    return (
      <div className="row-actions">
        <button type="button" disabled={answer.isPending} onClick={() => answer.mutate(true)}>
          Le client accepte{who}
        </button>
        <button type="button" disabled={answer.isPending} onClick={() => answer.mutate(false)}>
          Le client décline{who}
        </button>
        <ErrorBanner error={answer.error} />
      </div>
    );
  return (
    <div className="row-actions">
      <button type="button" disabled={convert.isPending} onClick={() => convert.mutate("quote")}>
        Convertir en devis{who}
      </button>
      <button type="button" disabled={convert.isPending} onClick={() => convert.mutate("order")}>
        Convertir en commande{who}
      </button>
      <ErrorBanner error={convert.error} />
    </div>
  );
}

function ApprovalForm({ offer: o }: { offer: OfferOut }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      unwrap(
        api.POST("/api/v1/offers/{offer_id}/approval", {
          params: { path: { offer_id: o.id } },
          body: { version: o.version, approve, comment },
        }),
      ),
    onSuccess: () => loyaltyChanged.offers(queryClient),
  });
  const errors = fieldErrorsOf(decide.error);
  return (
    <form aria-label={`Accord sur l'offre « ${o.title} »`} noValidate onSubmit={(e) => e.preventDefault()}>
      <p>Demande du stagiaire : {o.approval_reason || "—"}</p>
      <Field label="Commentaire" error={errors.comment} hint="Obligatoire pour un refus.">
        {(p) => <textarea {...p} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="row-actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate(true)}>
          Accorder la remise
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate(false)}>
          Refuser la remise
        </button>
      </div>
      {Object.keys(errors).length === 0 && <ErrorBanner error={decide.error} />}
    </form>
  );
}
