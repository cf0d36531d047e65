// The prospect file (CP3.7): text search, filters, sorting, pages; the persona match of
// each record when a persona is chosen (CP2).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import type {
  Priority,
  ProspectKind as Kind,
  ProspectOut as Prospect,
  ProspectStatus as Status,
} from "../../api/types";
import { Busy, EmptyState, ErrorBanner, Field, Options, PageFrame, Pager, formatDate } from "../../components/ui";
import { BulkActions } from "./BulkActions";
import { KINDS, PRIORITIES, STATUSES, formatEuros, isoToday, label } from "../../labels/prospects";
import { PROSPECT_SORT_FIELDS, sortOptions } from "./sorting";
import { ProspectsNav } from "./ProspectsNav";
import { useTraineeNames } from "../../components/Staff";
import { isStaff, useAuth } from "../../auth/AuthContext";
import "./prospects.css";

const LIMIT = 25;
const FILTER_KEYS = ["q", "status", "kind", "priority", "sector", "persona", "min_match", "before", "sort"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function ProspectsListPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const get = (key: FilterKey) => params.get(key) ?? "";
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  const personaId = get("persona") ? Number(get("persona")) : undefined;
  const today = isoToday();

  function update(changes: Partial<Record<FilterKey | "offset", string>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("offset" in changes)) next.delete("offset");
    // A sort by persona match needs a persona.
    if (!next.get("persona") && next.get("sort")?.includes("persona_match")) next.delete("sort");
    if (!next.get("persona")) next.delete("min_match");
    setParams(next, { replace: true });
  }

  const query = {
    q: get("q").trim() || undefined,
    status: get("status") ? [get("status") as Status] : undefined,
    kind: (get("kind") || undefined) as Kind | undefined,
    priority: (get("priority") || undefined) as Priority | undefined,
    sector: get("sector").trim() || undefined,
    persona_id: personaId,
    min_match: personaId && get("min_match") ? Number(get("min_match")) : undefined,
    next_contact_before: get("before") || undefined,
    sort: get("sort") || undefined,
    limit: LIMIT,
    offset,
  };
  const prospects = useQuery({
    ...prospectQueries.list(query),
    placeholderData: keepPreviousData,
  });
  const personas = useQuery({
    ...prospectQueries.allPersonas(),
  });
  const filtered = FILTER_KEYS.some((k) => k !== "sort" && get(k));
  const data = prospects.data;
  // Staff read the trainees' files: each record names its trainee, and there is neither
  // creation nor bulk action (they keep no file of their own).
  const staff = isStaff(useAuth().me);
  const owners = useTraineeNames();
  // The selection survives paging and filtering: bulk actions apply to what was ticked.
  const [selected, setSelected] = useState<Map<number, Prospect>>(() => new Map());
  const toggle = (rows: Prospect[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const row of rows) {
        if (on) next.set(row.id, row);
        else next.delete(row.id);
      }
      return next;
    });
  // Keep the selected records as the list last read them (their versions, for a merge).
  const [readData, setReadData] = useState(data);
  if (data !== readData) {
    setReadData(data);
    if (data && data.items.some((p) => selected.has(p.id) && selected.get(p.id) !== p)) {
      const next = new Map(selected);
      for (const p of data.items) if (next.has(p.id)) next.set(p.id, p);
      setSelected(next);
    }
  }
  const pageIds = data?.items ?? [];
  const allOnPage = pageIds.length > 0 && pageIds.every((p) => selected.has(p.id));

  return (
    <PageFrame
      title="Fichier prospects"
      operations={
        staff
          ? ["list_prospects", "list_personas"]
          : ["list_prospects", "list_personas", "bulk_action", "merge_prospect"]
      }
      actions={
        staff ? undefined : (
          <button type="button" className="primary" onClick={() => navigate("/prospects/nouveau")}>
            Nouveau prospect
          </button>
        )
      }
    >
      <ProspectsNav />
      <form className="filters" role="search" aria-label="Filtrer le fichier" onSubmit={(e) => e.preventDefault()}>
        <Field label="Rechercher" hint="Nom, ville ou SIRET">
          {(p) => <input {...p} type="search" value={get("q")} onChange={(e) => update({ q: e.target.value })} />}
        </Field>
        <Field label="Statut">
          {(p) => (
            <select {...p} value={get("status")} onChange={(e) => update({ status: e.target.value })}>
              <option value="">Tous</option>
              <Options labels={STATUSES} />
            </select>
          )}
        </Field>
        <Field label="Type">
          {(p) => (
            <select {...p} value={get("kind")} onChange={(e) => update({ kind: e.target.value })}>
              <option value="">Tous</option>
              <Options labels={KINDS} />
            </select>
          )}
        </Field>
        <Field label="Priorité">
          {(p) => (
            <select {...p} value={get("priority")} onChange={(e) => update({ priority: e.target.value })}>
              <option value="">Toutes</option>
              <Options labels={PRIORITIES} />
            </select>
          )}
        </Field>
        <Field label="Secteur">
          {(p) => <input {...p} value={get("sector")} onChange={(e) => update({ sector: e.target.value })} />}
        </Field>
        <Field label="Prochain contact au plus tard le">
          {(p) => (
            <input {...p} type="date" value={get("before")} onChange={(e) => update({ before: e.target.value })} />
          )}
        </Field>
        <Field label="Persona">
          {(p) => (
            <select {...p} value={get("persona")} onChange={(e) => update({ persona: e.target.value })}>
              <option value="">Aucun</option>
              {(personas.data?.items ?? []).map((persona) => (
                <option key={persona.id} value={persona.id}>
                  {persona.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {personaId !== undefined && (
          <Field label="Adéquation minimale (0 à 100)">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={100}
                step={5}
                value={get("min_match")}
                onChange={(e) => update({ min_match: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label="Trier par">
          {(p) => (
            <select
              {...p}
              value={get("sort") || (personaId ? "-persona_match" : "name")}
              onChange={(e) => update({ sort: e.target.value })}
            >
              {sortOptions(PROSPECT_SORT_FIELDS, { persona: personaId !== undefined }).map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="button" onClick={() => update({ before: today, sort: "next_contact_on" })}>
            À contacter aujourd'hui
          </button>
          {filtered && (
            <button type="button" onClick={() => setParams({}, { replace: true })}>
              Effacer les filtres
            </button>
          )}
        </div>
      </form>
      <ErrorBanner error={prospects.error ?? personas.error} />
      {selected.size > 0 && <BulkActions selected={selected} onClear={() => setSelected(new Map())} />}
      {prospects.isPending && <Busy />}
      {data &&
        data.items.length === 0 &&
        (filtered ? (
          <EmptyState title="Aucun prospect ne répond à ces critères.">
            Élargissez la recherche ou effacez les filtres.
          </EmptyState>
        ) : staff ? (
          <EmptyState title="Aucune fiche de stagiaire à lire." />
        ) : (
          <EmptyState title="Votre fichier est vide.">
            Ajoutez un premier prospect avec « Nouveau prospect », ou importez un fichier depuis l'onglet{" "}
            <Link to="/imports">Imports</Link>.
          </EmptyState>
        ))}
      {data && data.items.length > 0 && (
        <>
          <p className="muted" aria-live="polite">
            {data.total_exact === false ? "Au moins " : ""}
            {data.total} prospect{data.total > 1 ? "s" : ""}
            {prospects.isFetching && !prospects.isPending ? " — mise à jour…" : ""}
          </p>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Liste des prospects">
            <table className="table">
              <caption className="sr-only">Prospects du fichier</caption>
              <thead>
                <tr>
                  {!staff && (
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Sélectionner toutes les fiches de la page"
                        checked={allOnPage}
                        onChange={(e) => toggle(pageIds, e.target.checked)}
                      />
                    </th>
                  )}
                  <th scope="col">Nom</th>
                  {staff && <th scope="col">Stagiaire</th>}
                  <th scope="col">Type</th>
                  <th scope="col">Ville</th>
                  <th scope="col">Secteur</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Priorité</th>
                  <th scope="col">Potentiel</th>
                  <th scope="col">Prochain contact</th>
                  {personaId !== undefined && <th scope="col">Adéquation au persona</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <ProspectRow
                    key={p.id}
                    prospect={p}
                    today={today}
                    withMatch={personaId !== undefined}
                    selected={staff ? undefined : selected.has(p.id)}
                    onSelect={(on) => toggle([p], on)}
                    owner={staff ? (owners.get(p.owner_id) ?? `Compte n° ${p.owner_id}`) : undefined}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            offset={offset}
            limit={LIMIT}
            total={data.total}
            onOffset={(o) => update({ offset: o ? String(o) : "" })}
          />
        </>
      )}
    </PageFrame>
  );
}

function ProspectRow(props: {
  prospect: Prospect;
  today: string;
  withMatch: boolean;
  selected?: boolean;
  onSelect: (on: boolean) => void;
  owner?: string;
}) {
  const { prospect: p, today, withMatch, owner } = props;
  const late = p.next_contact_on !== null && p.next_contact_on < today;
  return (
    <tr>
      {props.selected !== undefined && (
        <td>
          <input
            type="checkbox"
            aria-label={`Sélectionner ${p.name}`}
            checked={props.selected}
            onChange={(e) => props.onSelect(e.target.checked)}
          />
        </td>
      )}
      <th scope="row">
        <Link to={`/prospects/${p.id}`}>{p.name}</Link>
      </th>
      {owner !== undefined && <td>{owner}</td>}
      <td>{p.kind === "company" ? "Entreprise" : "Particulier"}</td>
      <td>{p.city ?? "—"}</td>
      <td>{p.sector ?? "—"}</td>
      <td>
        <span className={`lifecycle lifecycle-${p.status}`}>{label(STATUSES, p.status)}</span>
      </td>
      <td>
        <span className={`priority priority-${p.priority}`} title={PRIORITIES[p.priority]}>
          {p.priority}
        </span>
      </td>
      <td>{formatEuros(p.potential)}</td>
      <td className={late ? "late" : undefined}>
        {formatDate(p.next_contact_on)}
        {late && <span> (en retard)</span>}
      </td>
      {withMatch && <td>{p.persona_match ?? "—"} / 100</td>}
    </tr>
  );
}
