// Data-subject requests (access, rectification, erasure, objection): due one month after
// receipt, extensible once by two months with a reason. A trainee records and works the
// requests about their own file; trainers and admins follow them (read only), overdue first.
import { Fragment, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, authFetch, unwrap } from "../../api/client";
import { privacyChanged, privacyQueries } from "../../api/queries/privacy";
import { userQueries } from "../../api/queries/users";
import { fieldErrorsOf } from "../../api/problem";
import type {
  ContactOut as Contact,
  PrivacyRequestKind as Kind,
  PrivacyRequestOut as PrivacyRequest,
  PrivacyRequestStatus as Status,
  ProspectOut as Prospect,
} from "../../api/types";
import { isStaff, useAuth } from "../../auth/AuthContext";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Notice,
  Options,
  PageFrame,
  Pager,
  formatDate,
} from "../../components/ui";
import { saveResponse } from "../../api/download";
import {
  RECTIFIABLE_CONTACT,
  RECTIFIABLE_PROSPECT,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  personOf,
} from "../../labels/privacy";
import { ContactSelect, ProspectPicker, prospectLabel } from "./PersonPicker";
import { RgpdNav } from "./RgpdNav";
import "./privacy.css";
import { formatPhone } from "../../format/phone";

const LIMIT = 20;

type Filters = { status: Status | ""; kind: Kind | ""; overdue: "" | "yes" | "no" };

export function RequestsPage() {
  const { me } = useAuth();
  const staff = isStaff(me);
  const [filters, setFilters] = useState<Filters>({ status: "", kind: "", overdue: "" });
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const query = {
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    overdue: filters.overdue === "" ? undefined : filters.overdue === "yes",
    sort: "due_on",
    limit: LIMIT,
    offset,
  };
  const requests = useQuery({
    ...privacyQueries.requests(query),
    placeholderData: keepPreviousData,
  });
  const overdue = useQuery({
    ...privacyQueries.overdueCount(),
  });
  const users = useQuery({
    ...userQueries.trainees(),
    enabled: staff,
  });
  const owners = new Map((users.data?.items ?? []).map((u) => [u.id, u.full_name]));
  const data = requests.data;
  const late = overdue.data?.total ?? 0;

  return (
    <PageFrame
      title="RGPD : demandes des personnes"
      operations={
        staff
          ? ["list_requests"]
          : [
              "list_requests",
              "create_request",
              "extend_request",
              "complete_request",
              "export_request",
              "list_prospects",
              "list_contacts",
            ]
      }
      actions={
        !staff && (
          <button
            type="button"
            className="primary"
            aria-expanded={adding}
            onClick={() => {
              setAdding(!adding);
              setCreated(null);
            }}
          >
            {adding ? "Fermer" : "Enregistrer une demande"}
          </button>
        )
      }
    >
      <RgpdNav />
      <p>
        Une personne peut demander l'accès à ses données (et leur portabilité), leur rectification, leur effacement ou
        s'opposer à la prospection. La réponse est due <strong>un mois</strong> après la réception, délai prolongeable
        une fois de deux mois avec un motif.
        {staff && " Les demandes sont traitées par le stagiaire titulaire du fichier ; vous les suivez ici."}
      </p>
      {late > 0 && (
        <div role="alert" className="alert alert-error">
          {late} demande(s) en retard : l'échéance est dépassée.
        </div>
      )}
      {adding && (
        <RequestForm
          onDone={(message) => {
            setAdding(false);
            setCreated(message);
          }}
        />
      )}
      {created && <Notice>{created}</Notice>}
      <h2>Liste des demandes</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer les demandes">
        <Field label="Statut">
          {(p) => (
            <select {...p} value={filters.status} onChange={(e) => set("status", e.target.value as Status | "")}>
              <option value="">Tous</option>
              <Options labels={REQUEST_STATUSES} />
            </select>
          )}
        </Field>
        <Field label="Type">
          {(p) => (
            <select {...p} value={filters.kind} onChange={(e) => set("kind", e.target.value as Kind | "")}>
              <option value="">Tous</option>
              <Options labels={REQUEST_KINDS} />
            </select>
          )}
        </Field>
        <Field label="Échéance">
          {(p) => (
            <select
              {...p}
              value={filters.overdue}
              onChange={(e) => set("overdue", e.target.value as Filters["overdue"])}
            >
              <option value="">Toutes</option>
              <option value="yes">En retard</option>
              <option value="no">Dans les délais ou closes</option>
            </select>
          )}
        </Field>
      </form>
      <ErrorBanner error={requests.error ?? users.error} />
      {requests.isPending && <Busy />}
      {data && data.items.length === 0 && (
        <EmptyState
          title={
            filters.status || filters.kind || filters.overdue
              ? "Aucune demande ne correspond aux filtres."
              : "Aucune demande enregistrée."
          }
        >
          {staff
            ? "Les demandes enregistrées par les stagiaires apparaîtront ici, la plus proche de son échéance en premier."
            : "Quand une personne exerce un de ses droits, enregistrez sa demande avec « Enregistrer une demande » : son échéance est calculée pour vous."}
        </EmptyState>
      )}
      {data && data.items.length > 0 && (
        <>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Liste des demandes">
            <table className="table">
              <caption className="sr-only">Demandes des personnes, par échéance</caption>
              <thead>
                <tr>
                  <th scope="col">Demande</th>
                  {staff && <th scope="col">Stagiaire</th>}
                  <th scope="col">Personne</th>
                  <th scope="col">Reçue le</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <RequestRow
                    key={r.id}
                    request={r}
                    owner={staff ? (owners.get(r.owner_id) ?? `Compte n° ${r.owner_id}`) : null}
                    canWork={!staff}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={LIMIT} total={data.total} onOffset={setOffset} />
        </>
      )}
    </PageFrame>
  );
}

function RequestRow({
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

const CARRY_OUT: Record<Kind, string> = {
  access: "Envoyez à la personne les données téléchargées ci-dessus, puis clôturez : l'accès est noté au journal.",
  rectification: "Clôturer applique les rectifications demandées à la fiche.",
  erasure:
    "Clôturer anonymise définitivement la personne (identité, coordonnées, textes libres) ; les statistiques sont conservées.",
  objection: "Clôturer enregistre l'opposition et retire le consentement de prospection sur tous les canaux.",
};

function useSettled() {
  const queryClient = useQueryClient();
  return () => {
    privacyChanged.request(queryClient);
  };
}

function CompleteForm({ request: r }: { request: PrivacyRequest }) {
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

function ExtendForm({ request: r }: { request: PrivacyRequest }) {
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

function today(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

type Change = { field: string; value: string };

function RequestForm({ onDone }: { onDone: (message: string) => void }) {
  const settled = useSettled();
  const [prospect, setProspect] = useState<Prospect | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [kind, setKind] = useState<Kind>("access");
  const [receivedOn, setReceivedOn] = useState(today());
  const [channel, setChannel] = useState("");
  const [details, setDetails] = useState("");
  const [changes, setChanges] = useState<Change[]>([{ field: "email", value: "" }]);
  const [missingPerson, setMissingPerson] = useState(false);
  const fields = contact ? RECTIFIABLE_CONTACT : RECTIFIABLE_PROSPECT;
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/privacy/requests", {
          body: {
            prospect_id: prospect!.id,
            contact_id: contact?.id ?? null,
            kind,
            received_on: receivedOn,
            channel,
            details,
            changes:
              kind === "rectification"
                ? Object.fromEntries(changes.filter((c) => c.field).map((c) => [c.field, c.value]))
                : {},
          },
        }),
      ),
    onSuccess: (created) => {
      settled();
      onDone(
        `Demande n° ${created.id} enregistrée (${REQUEST_KINDS[created.kind].toLowerCase()}) : échéance le ${formatDate(created.due_on)}.`,
      );
    },
  });
  const errors = fieldErrorsOf(create.error);
  const changeError = Object.entries(errors).find(([k]) => k === "changes" || k.startsWith("changes."))?.[1];
  const shown = ["prospect_id", "contact_id", "kind", "received_on", "channel", "details"];
  const other = create.error && !changeError && !shown.some((k) => k in errors);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!prospect) {
      setMissingPerson(true);
      return;
    }
    create.mutate();
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Nouvelle demande">
      <h2>Nouvelle demande</h2>
      <ProspectPicker
        label="Fiche de la personne"
        selected={prospect}
        onSelect={(p) => {
          setProspect(p);
          setContact(null);
          setMissingPerson(false);
        }}
        error={
          errors.prospect_id ?? (missingPerson ? "Choisissez la fiche de la personne qui fait la demande." : undefined)
        }
      />
      <div className="form-grid">
        {prospect && (
          <ContactSelect
            prospect={prospect}
            value={contact?.id ?? null}
            onChange={(_, c) => setContact(c)}
            error={errors.contact_id}
          />
        )}
        <Field label="Type de demande" error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <Options labels={REQUEST_KINDS} />
            </select>
          )}
        </Field>
        <Field label="Reçue le" hint="L'échéance est fixée un mois plus tard." error={errors.received_on}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={receivedOn}
              max={today()}
              onChange={(e) => setReceivedOn(e.target.value)}
            />
          )}
        </Field>
        <Field label="Canal de réception" hint="Courrier, e-mail, téléphone, sur place…" error={errors.channel}>
          {(p) => <input {...p} value={channel} onChange={(e) => setChannel(e.target.value)} />}
        </Field>
        <Field label="Précisions" error={errors.details}>
          {(p) => <textarea {...p} value={details} onChange={(e) => setDetails(e.target.value)} />}
        </Field>
      </div>
      {kind === "rectification" && (
        <fieldset>
          <legend>
            Champs à rectifier{prospect ? (contact ? " (contact)" : ` (${prospectLabel(prospect)})`) : ""}
          </legend>
          {changes.map((c, index) => (
            <div className="filters" key={index}>
              <Field label={`Champ ${index + 1}`}>
                {(p) => (
                  <select
                    {...p}
                    value={c.field}
                    onChange={(e) =>
                      setChanges((all) => all.map((x, i) => (i === index ? { ...x, field: e.target.value } : x)))
                    }
                  >
                    <Options labels={fields} />
                  </select>
                )}
              </Field>
              <Field label={`Nouvelle valeur ${index + 1}`} hint="Vide pour effacer la valeur.">
                {(p) => (
                  <input
                    {...p}
                    value={c.value}
                    onChange={(e) =>
                      setChanges((all) => all.map((x, i) => (i === index ? { ...x, value: e.target.value } : x)))
                    }
                  />
                )}
              </Field>
              {changes.length > 1 && (
                <div className="form-actions">
                  <button type="button" onClick={() => setChanges((all) => all.filter((_, i) => i !== index))}>
                    Retirer le champ {index + 1}
                  </button>
                </div>
              )}
            </div>
          ))}
          <button
            type="button"
            onClick={() => setChanges((all) => [...all, { field: Object.keys(fields)[0], value: "" }])}
          >
            Ajouter un champ
          </button>
          {changeError && (
            <p className="field-error" role="alert">
              {changeError}
            </p>
          )}
        </fieldset>
      )}
      {other && <ErrorBanner error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Enregistrement…" : "Enregistrer la demande"}
        </button>
      </div>
    </form>
  );
}
