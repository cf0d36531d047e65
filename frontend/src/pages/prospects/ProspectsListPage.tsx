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
import { EmptyState, ErrorBanner, PageFrame, Pager } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { BulkActions } from "./BulkActions";
import { isoToday } from "../../labels/prospects";
import { FILTER_KEYS, ProspectFilters, type FilterChanges, type FilterKey } from "./ProspectFilters";
import { ProspectTable } from "./ProspectTable";
import { ProspectsNav } from "./ProspectsNav";
import { useTraineeNames } from "../../components/Staff";
import { isStaff, useAuth } from "../../auth/AuthContext";
import "./prospects.css";

const LIMIT = 25;

export function ProspectsListPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const get = (key: FilterKey) => params.get(key) ?? "";
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  const personaId = get("persona") ? Number(get("persona")) : undefined;
  const today = isoToday();

  function update(changes: FilterChanges) {
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
      <ProspectFilters
        get={get}
        update={update}
        personas={personas.data?.items ?? []}
        personaId={personaId}
        today={today}
        filtered={filtered}
        onClear={() => setParams({}, { replace: true })}
      />
      <ErrorBanner error={personas.error} />
      {selected.size > 0 && <BulkActions selected={selected} onClear={() => setSelected(new Map())} />}
      <QueryState
        query={prospects}
        empty={
          filtered ? (
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
          )
        }
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {data.total_exact === false ? "Au moins " : ""}
              {data.total} prospect{data.total > 1 ? "s" : ""}
              {prospects.isFetching && !prospects.isPending ? " — mise à jour…" : ""}
            </p>
            <ProspectTable
              rows={data.items}
              today={today}
              withMatch={personaId !== undefined}
              selected={staff ? undefined : selected}
              onSelect={toggle}
              owner={staff ? (p) => owners.get(p.owner_id) ?? `Compte n° ${p.owner_id}` : undefined}
            />
            <Pager
              offset={offset}
              limit={LIMIT}
              total={data.total}
              onOffset={(o) => update({ offset: o ? String(o) : "" })}
            />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
