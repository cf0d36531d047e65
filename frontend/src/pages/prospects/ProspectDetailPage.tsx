// One prospect record (CP3): identity, lifecycle and follow-up, the exchange form checked by
// the RGPD channel policy, the policy itself, consents, contacts, appointments, timeline.
import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { ProspectOut as Prospect, ProspectStatus as Status } from "../../api/types";
import { ReadOnlyScope, useIsMine, useReadOnly } from "../../components/ReadOnly";
import { Busy, ErrorBanner, Field, Notice, PageFrame, formatDate } from "../../components/ui";
import { AppointmentsCard } from "./AppointmentsCard";
import { ChannelPolicyCard } from "./ChannelPolicyCard";
import { ConsentsCard } from "./ConsentsCard";
import { ContactsCard } from "./ContactsCard";
import { InteractionForm } from "./InteractionForm";
import { KINDS, PRIORITIES, SIZE_BANDS, SOURCES, STATUSES, formatEuros, isoToday, label } from "../../labels/prospects";
import { allowedStatuses } from "./problems";
import { fieldErrorsOf } from "../../api/problem";
import { ProspectsNav } from "./ProspectsNav";
import { TimelineCard, useTimeline } from "./TimelineCard";
import { positionLabel } from "../../labels/tours";
import "./prospects.css";
import { formatPhone, telHref } from "../../format/phone";

export function ProspectDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const prospect = useQuery({
    ...prospectQueries.detail(id),
    enabled: Number.isInteger(id),
  });
  const company = prospect.data?.kind === "company";
  const contacts = useQuery({
    ...prospectQueries.contacts(id),
    enabled: company,
  });
  const p = prospect.data;
  const contactList = contacts.data?.items ?? [];
  const mine = useIsMine(p?.owner_id);
  return (
    <PageFrame
      title={p ? p.name : "Fiche prospect"}
      operations={[
        "read_prospect",
        "change_status",
        "timeline",
        "channel_policy",
        "create_interaction",
        "list_scripts",
        "read_consents",
        "create_consent",
        "list_contacts",
        "create_contact",
        "list_appointments",
        "create_appointment",
        "update_appointment",
      ]}
      actions={
        p &&
        mine &&
        !p.anonymised_at && (
          <button type="button" onClick={() => navigate(`/prospects/${id}/modifier`)}>
            Modifier la fiche
          </button>
        )
      }
    >
      {mine && <ProspectsNav />}
      {mine && (
        <p>
          <Link to="/prospects">Retour au fichier</Link>
        </p>
      )}
      <ErrorBanner error={prospect.error} />
      {prospect.isPending && <Busy label="Chargement de la fiche…" />}
      {p && (
        <ReadOnlyScope ownerId={p.owner_id}>
          {p.anonymised_at && (
            <Notice>
              Cette fiche a été anonymisée le {formatDate(p.anonymised_at)} : plus aucun contact n'est possible.
            </Notice>
          )}
          <div className="grid-2">
            <IdentityCard prospect={p} />
            <FollowUpCard prospect={p} />
          </div>
          {mine && !p.anonymised_at && <InteractionForm prospectId={p.id} company={company} contacts={contactList} />}
          <div className="grid-2">
            <ChannelPolicyCard prospectId={p.id} company={company} contacts={contactList} />
            <ConsentsCard prospectId={p.id} company={company} contacts={contactList} />
          </div>
          {company && (
            <>
              <ErrorBanner error={contacts.error} />
              {contacts.isPending && <Busy label="Chargement des contacts…" />}
              {contacts.data && <ContactsCard prospectId={p.id} contacts={contactList} total={contacts.data.total} />}
            </>
          )}
          <div className="grid-2">
            <TimelineCard prospectId={p.id} />
            <AppointmentsCard prospectId={p.id} company={company} contacts={contactList} />
          </div>
        </ReadOnlyScope>
      )}
    </PageFrame>
  );
}

const formatCoordinate = (v: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: 5 });

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function IdentityCard({ prospect: p }: { prospect: Prospect }) {
  const address = [p.address, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identité</h2>
      <dl className="details-grid">
        <Row term="Type">{KINDS[p.kind]}</Row>
        {p.kind === "company" && (
          <>
            <Row term="SIRET">{p.siret ?? "—"}</Row>
            <Row term="SIREN">{p.siren ?? "—"}</Row>
            <Row term="Code NAF">{p.naf_code ?? "—"}</Row>
            <Row term="Taille">{label(SIZE_BANDS, p.size_band)}</Row>
          </>
        )}
        <Row term="Secteur">{p.sector ?? "—"}</Row>
        <Row term="Adresse">{address || "—"}</Row>
        <Row term="Coordonnées GPS">
          {p.latitude != null && p.longitude != null ? (
            <>
              {formatCoordinate(p.latitude)} ; {formatCoordinate(p.longitude)}
              <span className="muted"> — Position : {positionLabel(p)}</span>
            </>
          ) : (
            "Sans coordonnées"
          )}
        </Row>
        <Row term="Téléphone">{p.phone ? <a href={telHref(p.phone)}>{formatPhone(p.phone)}</a> : "—"}</Row>
        <Row term="E-mail">{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : "—"}</Row>
        <Row term="Site web">
          {p.website ? (
            <a href={p.website} target="_blank" rel="noreferrer">
              {p.website}
            </a>
          ) : (
            "—"
          )}
        </Row>
        <Row term="Origine">{label(SOURCES, p.source)}</Row>
        <Row term="Étiquettes">{p.tags.length ? p.tags.join(", ") : "—"}</Row>
        <Row term="Contrat en cours">{p.ongoing_contract ? "Oui" : "Non"}</Row>
        {p.kind === "individual" && (
          <Row term="Bloctel">
            {p.bloctel_opposed === null || p.bloctel_opposed === undefined
              ? "Non vérifié"
              : `${p.bloctel_opposed ? "Inscrit (opposé au démarchage)" : "Non inscrit"}, vérifié le ${formatDate(p.bloctel_checked_on)}`}{" "}
            <Link to="/rgpd/bloctel">Vérifier avec une liste Bloctel</Link>
          </Row>
        )}
        {p.objected_at && (
          <Row term="Opposition">
            <span className="late">Opposé(e) à la prospection depuis le {formatDate(p.objected_at)}</span>
          </Row>
        )}
        {p.customer_since && <Row term="Client depuis">{formatDate(p.customer_since)}</Row>}
        <Row term="Dernier contact">{formatDate(p.last_contact_at, true)}</Row>
        <Row term="Fiche créée le">{formatDate(p.created_at)}</Row>
      </dl>
    </section>
  );
}

function FollowUpCard({ prospect: p }: { prospect: Prospect }) {
  const timeline = useTimeline(p.id);
  const readOnly = useReadOnly();
  const today = isoToday();
  const late = p.next_contact_on !== null && p.next_contact_on < today;
  const lastStep = (timeline.data ?? []).find((e) => e.kind === "interaction" && e.data.next_step);
  return (
    <section className="card" aria-labelledby="followup-title">
      <h2 id="followup-title">Statut et suivi</h2>
      <dl className="details-grid">
        <Row term="Statut">
          <span className={`lifecycle lifecycle-${p.status}`}>{STATUSES[p.status]}</span>
          {p.lost_reason && <> — {p.lost_reason}</>}
        </Row>
        <Row term="Priorité">
          <span className={`priority priority-${p.priority}`}>{p.priority}</span>{" "}
          {PRIORITIES[p.priority].replace(/^[ABC] /, "")}
        </Row>
        <Row term="Potentiel annuel">{formatEuros(p.potential)}</Row>
        <Row term="Prochain contact">
          <span className={late ? "late" : undefined}>
            {formatDate(p.next_contact_on)}
            {late ? " (en retard)" : ""}
          </span>
        </Row>
        <Row term="Prochaine étape">{lastStep ? String(lastStep.data.next_step) : "—"}</Row>
      </dl>
      {!p.anonymised_at && !readOnly && <StatusForm prospect={p} />}
    </section>
  );
}

function StatusForm({ prospect: p }: { prospect: Prospect }) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Status | "">("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/status", {
          params: { path: { prospect_id: p.id } },
          body: { status: target as Status, reason: reason.trim() || null },
        }),
      ),
    onSuccess: (saved) => {
      prospectsChanged.status(queryClient, saved);
      setDone(`Statut changé : ${STATUSES[saved.status]}.`);
      setTarget("");
      setReason("");
    },
  });
  const errors = fieldErrorsOf(change.error);
  const allowed = allowedStatuses(change.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    change.mutate();
  }
  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby="status-title">
      <h3 id="status-title" className="wide">
        Changer le statut
      </h3>
      <Field label="Nouveau statut" error={errors.status}>
        {(props) => (
          <select
            {...props}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value as Status);
              change.reset();
              setDone(null);
            }}
          >
            <option value="">Choisir…</option>
            {(Object.keys(STATUSES) as Status[])
              .filter((s) => s !== p.status)
              .map((s) => (
                <option key={s} value={s}>
                  {STATUSES[s]}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label="Raison" error={errors.reason} hint="Obligatoire pour « Perdu ».">
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {allowed && (
        <div role="alert" className="alert alert-error wide">
          <p>{change.error instanceof Error ? change.error.message : ""}</p>
          <p>
            Depuis « {STATUSES[p.status]} », statuts possibles :{" "}
            {allowed.map((s, i) => (
              <span key={s}>
                {i > 0 && ", "}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setTarget(s as Status);
                    change.reset();
                  }}
                >
                  {STATUSES[s as Status] ?? s}
                </button>
              </span>
            ))}
            .
          </p>
        </div>
      )}
      {!allowed && Object.keys(errors).length === 0 && <ErrorBanner error={change.error} />}
      {done && (
        <div role="status" className="alert alert-info wide">
          {done}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!target || change.isPending}>
          {change.isPending ? "Changement…" : "Changer le statut"}
        </button>
      </div>
    </form>
  );
}
