// Admin-only RGPD pages: the access log (full-record reads, exports, anonymisations) and the
// retention simulation (records past the retention period; nothing is anonymised from here).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged, privacyQueries } from "../../api/queries/privacy";
import { userQueries } from "../../api/queries/users";
import { useAuth } from "../../auth/AuthContext";
import { EmptyState, ErrorBanner, Field, Notice, PageFrame, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { AUDIT_ACTIONS, PROSPECT_STATUSES, auditDetail } from "../../labels/privacy";
import { RgpdNav } from "./RgpdNav";

const LIMIT = 25;

function useUserNames(enabled: boolean) {
  const users = useQuery({
    ...userQueries.all(),
    enabled,
  });
  return { names: new Map((users.data?.items ?? []).map((u) => [u.id, u.full_name])), error: users.error };
}

function AdminOnly({ title }: { title: string }) {
  return (
    <PageFrame title={title} operations={[]}>
      <RgpdNav />
      <Notice>Cette page est réservée aux administrateurs du centre de formation.</Notice>
    </PageFrame>
  );
}

export function AccessLogPage() {
  const { me } = useAuth();
  const admin = me?.role === "admin";
  const { filters, filter, offset, setOffset } = useFilters({ action: "", prospectId: "", since: "" });
  /** A filter changed: back to the first page. */
  const query = {
    action: filters.action || undefined,
    prospect_id: Number(filters.prospectId) || undefined,
    since: filters.since ? new Date(`${filters.since}T00:00:00`).toISOString() : undefined,
    limit: LIMIT,
    offset,
  };
  const log = useQuery({
    ...privacyQueries.accessLog(query),
    placeholderData: keepPreviousData,
    enabled: admin,
  });
  const { names, error: usersError } = useUserNames(admin);
  if (!admin) return <AdminOnly title="RGPD : journal des accès" />;
  return (
    <PageFrame title="RGPD : journal des accès" operations={["read_access_log"]}>
      <RgpdNav />
      <p>
        Chaque consultation d'une fiche complète, chaque export et chaque anonymisation est noté ici, sans les données
        elles-mêmes. Une consultation est notée une fois : les lectures de la même fiche par la même personne dans les
        dix minutes (la fiche et sa chronologie, un retour sur l'onglet) n'en font qu'une.
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer le journal">
        <FilterSelect
          label="Action"
          all="Toutes"
          value={filters.action}
          onChange={(v) => filter("action", v)}
          labels={AUDIT_ACTIONS}
        />
        <Field label="N° de fiche">
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              inputMode="numeric"
              value={filters.prospectId}
              onChange={(e) => filter("prospectId", e.target.value)}
            />
          )}
        </Field>
        <Field label="Depuis le">
          {(p) => <input {...p} type="date" value={filters.since} onChange={(e) => filter("since", e.target.value)} />}
        </Field>
      </form>
      <ErrorBanner error={usersError} />
      <QueryState
        query={log}
        empty={
          <EmptyState title="Aucune entrée ne correspond.">
            Élargissez les filtres (action, date) pour voir plus d'entrées.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Journal des accès aux données personnelles, du plus récent au plus ancien"
            headers={["Date", "Par", "Action", "Fiche", "Contact", "Détail"]}
            region="Journal des accès"
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((entry) => (
              <tr key={entry.id}>
                <th scope="row">{formatDate(entry.at, true)}</th>
                <td>
                  {entry.actor_id === null ? "Système" : (names.get(entry.actor_id) ?? `Compte n° ${entry.actor_id}`)}
                </td>
                <td>{AUDIT_ACTIONS[entry.action] ?? entry.action}</td>
                <td>{entry.prospect_id ?? "—"}</td>
                <td>{entry.contact_id ?? "—"}</td>
                <td>{auditDetail(entry.detail) || "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

export function RetentionPage() {
  const { me } = useAuth();
  const admin = me?.role === "admin";
  const queryClient = useQueryClient();
  const preview = useQuery({
    ...privacyQueries.retention(),
    enabled: admin,
  });
  const simulate = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/privacy/retention/run", { params: { query: { dry_run: true } } })),
    onSuccess: (report) => privacyChanged.retention(queryClient, report),
  });
  const { names, error: usersError } = useUserNames(admin);
  if (!admin) return <AdminOnly title="RGPD : durée de conservation" />;
  return (
    <PageFrame
      title="RGPD : durée de conservation"
      operations={["retention_preview", "retention_run"]}
      actions={
        <button
          type="button"
          onClick={() => simulate.mutate()}
          disabled={simulate.isPending}
          aria-busy={simulate.isPending}
        >
          {simulate.isPending ? "Simulation…" : "Relancer la simulation"}
        </button>
      }
    >
      <RgpdNav />
      <p>
        Les fiches sont conservées pendant la durée prévue au registre, comptée depuis la collecte ou le dernier contact
        à l'initiative du prospect (fin de la relation pour un ancien client ; les clients actuels sont conservés).
        Cette page <strong>simule</strong> la purge : aucune fiche n'est anonymisée d'ici ; l'anonymisation se lance par
        la tâche planifiée <code>capvente jobs retention --apply</code>.
      </p>
      <ErrorBanner error={simulate.error ?? usersError} />
      {/* A new simulation shows the busy state over the last report. */}
      <QueryState
        query={{ data: preview.data, error: preview.error, isPending: preview.isPending || simulate.isPending }}
        busyLabel="Simulation en cours…"
      >
        {(report) => (
          <>
            <p role="status">
              Durée de conservation : {report.retention_years} an(s) ; sont concernées les fiches dont la date de
              référence est antérieure au {formatDate(report.cutoff)} : <strong>{report.candidates.length}</strong>{" "}
              fiche(s).
            </p>
            {report.candidates.length === 0 ? (
              <EmptyState title="Aucune fiche n'a dépassé la durée de conservation." />
            ) : (
              <DataTable
                caption="Fiches arrivées au terme de la durée de conservation"
                headers={["Fiche", "Stagiaire", "Statut", "Date de référence", "Dépassée depuis"]}
                region="Fiches arrivées à échéance"
              >
                {report.candidates.map((c) => (
                  <tr key={c.prospect_id}>
                    <th scope="row">n° {c.prospect_id}</th>
                    <td>{names.get(c.owner_id) ?? `Compte n° ${c.owner_id}`}</td>
                    <td>{PROSPECT_STATUSES[c.status as keyof typeof PROSPECT_STATUSES] ?? c.status}</td>
                    <td>{formatDate(c.reference_date)}</td>
                    <td>{c.expired_since_days} jour(s)</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
