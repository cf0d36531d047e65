// The organisation's accounts (admin): search and filters, creation, edition, deactivation.
import type { UserOut } from "../../api/types";
import { adminQueries, usersChanged } from "../../api/queries/users";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthContext";
import { EmptyState, Field, Notice, PageFrame, Pager, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { AdminNav } from "./AdminNav";
import { ROLES, type Role } from "../../labels/admin";
import { TuteesForm } from "./TuteesForm";
import { UserForm } from "./UserForm";
import { useEditing } from "./useEditing";
import "./admin.css";

const LIMIT = 50;

type Filters = { q: string; role: Role | ""; cohortId: string; active: string };

export function useAllCohorts() {
  return useQuery({
    ...adminQueries.allCohorts(),
  });
}

export function UsersPage() {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const { filters, filter, offset, setOffset } = useFilters<Filters>({ q: "", role: "", cohortId: "", active: "" });
  const { editing, setEditing, record, saved, setSaved, open, formKey } = useEditing<UserOut>();
  const cohorts = useAllCohorts();
  const users = useQuery({
    ...adminQueries.users(filters, LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  const cohortNames = new Map((cohorts.data?.items ?? []).map((c) => [c.id, c.name]));
  const filtered = Boolean(filters.q.trim() || filters.role || filters.cohortId || filters.active);

  function onSaved(user: UserOut) {
    setSaved(
      editing === "new" ? `Compte créé : ${user.full_name} (${user.email}).` : `Compte enregistré : ${user.full_name}.`,
    );
    setEditing(null);
    usersChanged.admin(queryClient);
  }

  return (
    <PageFrame
      title="Utilisateurs"
      operations={["list_users", "create_user", "update_user", "set_tutees"]}
      actions={
        <button type="button" className="primary" onClick={() => open("new")}>
          Nouveau compte
        </button>
      }
    >
      <AdminNav />
      {saved && <Notice>{saved}</Notice>}
      {editing !== null && me && (
        <UserForm
          key={formKey}
          user={record}
          cohorts={cohorts.data?.items ?? []}
          selfId={me.id}
          onSaved={onSaved}
          onCancel={() => setEditing(null)}
        />
      )}
      {/* A company tutor's trainees, saved apart from the account (PUT …/tutees). */}
      {record?.role === "tutor" && <TuteesForm key={`tutees-${record.id}`} tutor={record} />}
      <div className="filters" role="search" aria-label="Filtrer les comptes">
        <Field label="Nom ou e-mail">
          {(p) => (
            <input
              {...p}
              type="search"
              value={filters.q}
              maxLength={100}
              onChange={(e) => filter("q", e.target.value)}
            />
          )}
        </Field>
        <FilterSelect label="Rôle" all="Tous" value={filters.role} onChange={(v) => filter("role", v)} labels={ROLES} />
        <FilterSelect
          label="Cohorte"
          all="Toutes"
          value={filters.cohortId}
          onChange={(v) => filter("cohortId", v)}
          items={cohorts.data?.items ?? []}
        />
        <FilterSelect label="Statut" all="Tous" value={filters.active} onChange={(v) => filter("active", v)}>
          <option value="true">Actifs</option>
          <option value="false">Désactivés</option>
        </FilterSelect>
      </div>
      <QueryState
        query={users}
        empty={
          <EmptyState title={filtered ? "Aucun compte ne correspond à ces filtres." : "Aucun compte pour l'instant."}>
            {filtered ? "Élargissez la recherche." : "Créez le premier avec « Nouveau compte »."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Comptes de l'organisation"
            headers={[
              "Nom",
              "Adresse e-mail",
              "Rôle",
              "Cohorte",
              "Statut",
              "Dernière connexion",
              { label: "Actions", srOnly: true },
            ]}
            wrapperClassName="admin-table-wrap"
          >
            {data.items.map((u) => (
              <tr key={u.id}>
                <td>{u.full_name}</td>
                <td>{u.email}</td>
                <td>{ROLES[u.role]}</td>
                <td>{u.cohort_id ? (cohortNames.get(u.cohort_id) ?? `n° ${u.cohort_id}`) : "—"}</td>
                <td>
                  <span className={`status ${u.is_active ? "status-active" : "status-inactive"}`}>
                    {u.is_active ? "Actif" : "Désactivé"}
                  </span>
                </td>
                <td>{formatDate(u.last_login_at, true)}</td>
                <td>
                  <button type="button" onClick={() => open(u)} aria-label={`Modifier ${u.full_name}`}>
                    Modifier
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {/* Also when a page is empty: back to the earlier ones. */}
      {users.data && (
        <Pager offset={offset} limit={LIMIT} total={users.data.total} onOffset={setOffset} label="Pages des comptes" />
      )}
    </PageFrame>
  );
}
