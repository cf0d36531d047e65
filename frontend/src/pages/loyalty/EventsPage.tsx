// The loyalty events (CP8.5): open days, trade fairs, product launches, webinars — when and
// where, how many were invited, answered yes, came, and ordered within 30 days after; a new
// one from « Nouvel événement ».
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { Schemas as S } from "../../api/types";
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
import { EVENT_KINDS } from "../../labels/loyalty";
import { euros } from "../../labels/sales";
import { LoyaltyNav } from "./LoyaltyNav";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function EventsPage() {
  const scope = useScope();
  const [adding, setAdding] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.events({ owner_id: scope.traineeId, sort: "-held_on", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Événements clients"
      operations={scope.staff ? [] : ["create_loyalty_event", "invite_to_event", "record_rsvp"]}
      actions={
        !scope.staff && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvel événement
          </DisclosureButton>
        )
      }
    >
      <LoyaltyNav />
      {adding && <EventForm onCancel={() => setAdding(false)} />}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucun événement.">
            Une journée portes ouvertes, un salon, un lancement ou un webinaire réunit les clients : « Nouvel événement
            ».
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Événements clients"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Événement",
              "Type",
              "Date",
              "Lieu",
              { label: "Invités", className: "num" },
              { label: "Oui", className: "num" },
              { label: "Présents", className: "num" },
              { label: "Commandes après", className: "num" },
              { label: "Montant après HT", className: "num" },
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/fidelisation/evenements/${e.id}${scopeSearch(scope)}`}>{e.title}</Link>
                </th>
                <td>{EVENT_KINDS[e.kind]}</td>
                <td className="nowrap">{formatDate(e.held_on)}</td>
                <td>{e.online ? "En ligne" : e.place || "—"}</td>
                <td className="num">{e.invited}</td>
                <td className="num">{e.yes}</td>
                <td className="num">{e.attended}</td>
                <td className="num">{e.orders_after}</td>
                <td className="num">{euros(e.amount_after_ht)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

type Draft = {
  kind: S["LoyaltyEventKind"];
  title: string;
  description: string;
  held_on: string;
  place: string;
  online: boolean;
};

function EventForm({ onCancel }: { onCancel: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { values, set, submitWith } = useForm<Draft>({
    kind: "open_day",
    title: "",
    description: "",
    held_on: "",
    place: "",
    online: false,
  });
  const save = useMutation({
    mutationFn: (d: Draft) => unwrap(api.POST("/api/v1/loyalty-events", { body: d })),
    onSuccess: async (e) => {
      await loyaltyChanged.event(queryClient, e.id);
      navigate(`/fidelisation/evenements/${e.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="card form-grid"
      aria-label="Nouvel événement"
      noValidate
      onSubmit={submitWith((d) => save.mutate(d))}
    >
      <h2 className="wide">Nouvel événement</h2>
      <RequiredNote />
      <Field label="Type d'événement" error={errors.kind} required>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as Draft["kind"])}>
            <Options labels={EVENT_KINDS} />
          </select>
        )}
      </Field>
      <Field label="Titre" error={errors.title} required>
        {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field label="Date" error={errors.held_on} required>
        {(p) => <input {...p} type="date" value={values.held_on} onChange={(e) => set("held_on", e.target.value)} />}
      </Field>
      <Field label="Lieu" error={errors.place}>
        {(p) => <input {...p} maxLength={200} value={values.place} onChange={(e) => set("place", e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={values.online} onChange={(e) => set("online", e.target.checked)} /> En ligne
      </label>
      <div className="wide">
        <Field label="Description" error={errors.description}>
          {(p) => (
            <textarea {...p} rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Créer l'événement
        </button>
        <button type="button" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
