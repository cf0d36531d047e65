// A prospect record's identity and follow-up, as its page shows them (CP3, CP3.7); the
// follow-up card holds the status change.
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { ProspectOut as Prospect } from "../../api/types";
import { useReadOnly } from "../../components/ReadOnly";
import { formatDate } from "../../components/ui";
import { KINDS, PRIORITIES, SIZE_BANDS, SOURCES, STATUSES, formatEuros, isoToday, label } from "../../labels/prospects";
import { positionLabel } from "../../labels/tours";
import { formatPhone, telHref } from "../../format/phone";
import { useTimeline } from "./TimelineCard";
import { StatusForm } from "./StatusForm";

const formatCoordinate = (v: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: 5 });

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function IdentityCard({ prospect: p }: { prospect: Prospect }) {
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

export function FollowUpCard({ prospect: p }: { prospect: Prospect }) {
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
