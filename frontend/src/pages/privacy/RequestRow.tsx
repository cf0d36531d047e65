// One data-subject request in the list: its row, and its details when expanded (the person,
// the changes asked, the downloads, what is left to do).
import { Fragment, useState } from "react";
import { Link } from "react-router-dom";
import { authFetch } from "../../api/client";
import type { PrivacyRequestOut as PrivacyRequest } from "../../api/types";
import { ErrorBanner, formatDate } from "../../components/ui";
import { saveResponse } from "../../api/download";
import {
  RECTIFIABLE_CONTACT,
  RECTIFIABLE_PROSPECT,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  personOf,
} from "../../labels/privacy";
import { formatPhone } from "../../format/phone";
import { CompleteForm, ExtendForm } from "./RequestActions";

export function RequestRow({
  request: r,
  owner,
  canWork,
}: {
  request: PrivacyRequest;
  owner: string | null;
  canWork: boolean;
}) {
  const [open, setOpen] = useState(false);
  const columns = owner !== null ? 7 : 6;
  return (
    <Fragment>
      <tr className={r.overdue ? "row-overdue" : undefined}>
        <th scope="row">
          {REQUEST_KINDS[r.kind]}
          <br />
          <small className="muted">n° {r.id}</small>
        </th>
        {owner !== null && <td>{owner}</td>}
        <td>{personOf(r)}</td>
        <td>{formatDate(r.received_on)}</td>
        <td>
          {formatDate(r.due_on)}
          {r.overdue && (
            <>
              <br />
              <span className="late">En retard</span>
            </>
          )}
          {r.extension_reason && (
            <>
              <br />
              <small className="muted">prolongée</small>
            </>
          )}
        </td>
        <td>
          <span
            className={`status ${r.status === "open" ? (r.overdue ? "status-error" : "status-paused") : "status-ok"}`}
          >
            {REQUEST_STATUSES[r.status]}
          </span>
          {r.completed_at && (
            <>
              <br />
              <small className="muted">le {formatDate(r.completed_at)}</small>
            </>
          )}
        </td>
        <td className="row-actions">
          <button
            type="button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            aria-label={`${open ? "Masquer" : "Détails"} : demande n° ${r.id}`}
          >
            {open ? "Masquer" : "Détails"}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={columns}>
            <RequestDetails request={r} canWork={canWork} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function RequestDetails({ request: r, canWork }: { request: PrivacyRequest; canWork: boolean }) {
  const changes = Object.entries(r.changes ?? {});
  const [downloadError, setDownloadError] = useState<unknown>(null);
  async function download() {
    setDownloadError(null);
    try {
      const response = await authFetch(`/api/v1/privacy/requests/${r.id}/export`);
      await saveResponse(response, `demande-${r.id}-donnees.json`);
    } catch (e) {
      setDownloadError(e);
    }
  }
  return (
    <div className="request-details">
      <dl className="details-list">
        {canWork && r.prospect_id !== null && (
          <>
            <dt>Fiche</dt>
            <dd>
              <Link to={`/prospects/${r.prospect_id}`}>{personOf(r)}</Link>
            </dd>
          </>
        )}
        <dt>Canal de réception</dt>
        <dd>{r.channel || "—"}</dd>
        <dt>Précisions</dt>
        <dd>{r.details || "—"}</dd>
        {changes.length > 0 && (
          <>
            <dt>Rectifications demandées</dt>
            <dd>
              <ul className="plain">
                {changes.map(([k, v]) => (
                  <li key={k}>
                    {(r.contact_id ? RECTIFIABLE_CONTACT : RECTIFIABLE_PROSPECT)[k] ?? k} :{" "}
                    {v === null ? "(à effacer)" : k === "phone" ? formatPhone(String(v)) : String(v)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {r.extension_reason && (
          <>
            <dt>Motif de la prolongation</dt>
            <dd>{r.extension_reason}</dd>
          </>
        )}
        {r.status !== "open" && (
          <>
            <dt>Réponse</dt>
            <dd>{r.response_note || "—"}</dd>
          </>
        )}
      </dl>
      {canWork && r.kind === "access" && r.prospect_id !== null && (
        <p>
          <button type="button" onClick={download}>
            Télécharger les données de la personne (JSON)
          </button>
        </p>
      )}
      <ErrorBanner error={downloadError} />
      {canWork && r.status === "open" && (
        <div className="grid-2">
          <CompleteForm request={r} />
          {!r.extension_reason && <ExtendForm request={r} />}
        </div>
      )}
    </div>
  );
}
