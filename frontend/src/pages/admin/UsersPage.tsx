// The organisation's accounts (admin): search and filters, creation, edition, deactivation.
import type { UserOut } from "../../api/types";
import { adminQueries, usersChanged } from "../../api/queries/users";
import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthContext";
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
import { AdminNav } from "./AdminNav";
import { ROLES, type Role } from "../../labels/admin";
import { UserForm } from "./UserForm";
import "./admin.css";

const LIMIT = 50;

export function useAllCohorts() {
  return useQuery({
    ...adminQueries.allCohorts(),
  });
}

export function UsersPage() {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [cohortId, setCohortId] = useState("");
  const [active, setActive] = useState("");
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<UserOut | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const cohorts = useAllCohorts();
  const users = useQuery({
    ...adminQueries.users({ q, role, cohortId, active }, LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  const cohortNames = new Map((cohorts.data?.items ?? []).map((c) => [c.id, c.name]));
  const filtered = Boolean(q.trim() || role || cohortId || active);

  function onSaved(user: UserOut) {
    setSaved(
      editing === "new" ? `Compte créé : ${user.full_name} (${user.email}).` : `Compte enregistré : ${user.full_name}.`,
    );
    setEditing(null);
    usersChanged.admin(queryClient);
  }
  function filter<T>(setter: (v: T) => void) {
    return (v: T) => {
      setter(v);
      setOffset(0);
    };
  }

  return (
    <PageFrame
      title="Utilisateurs"
      operations={["list_users", "create_user", "update_user"]}
      actions={
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSaved(null);
            setEditing("new");
          }}
        >
          Nouveau compte
        </button>
      }
    >
      <AdminNav />
      {saved && <Notice>{saved}</Notice>}
      {editing !== null && me && (
        <UserForm
          key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
          user={editing === "new" ? null : editing}
          cohorts={cohorts.data?.items ?? []}
          selfId={me.id}
          onSaved={onSaved}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="filters" role="search" aria-label="Filtrer les comptes">
        <Field label="Nom ou e-mail">
          {(p) => (
            <input {...p} type="search" value={q} maxLength={100} onChange={(e) => filter(setQ)(e.target.value)} />
          )}
        </Field>
        <Field label="Rôle">
          {(p) => (
            <select {...p} value={role} onChange={(e) => filter(setRole)(e.target.value as Role | "")}>
              <option value="">Tous</option>
              <Options labels={ROLES} />
            </select>
          )}
        </Field>
        <Field label="Cohorte">
          {(p) => (
            <select {...p} value={cohortId} onChange={(e) => filter(setCohortId)(e.target.value)}>
              <option value="">Toutes</option>
              {(cohorts.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Statut">
          {(p) => (
            <select {...p} value={active} onChange={(e) => filter(setActive)(e.target.value)}>
              <option value="">Tous</option>
              <option value="true">Actifs</option>
              <option value="false">Désactivés</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={users.error} />
      {users.isPending && <Busy />}
      {users.data && users.data.items.length === 0 && (
        <EmptyState title={filtered ? "Aucun compte ne correspond à ces filtres." : "Aucun compte pour l'instant."}>
          {filtered ? "Élargissez la recherche." : "Créez le premier avec « Nouveau compte »."}
        </EmptyState>
      )}
      {users.data && users.data.items.length > 0 && (
        <div className="admin-table-wrap">
          <table className="table">
            <caption className="sr-only">Comptes de l'organisation</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">Cohorte</th>
                <th scope="col">Statut</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
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
                    <button
                      type="button"
                      onClick={() => {
                        setSaved(null);
                        setEditing(u);
                      }}
                      aria-label={`Modifier ${u.full_name}`}
                    >
                      Modifier
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users.data && (
        <Pager offset={offset} limit={LIMIT} total={users.data.total} onOffset={setOffset} label="Pages des comptes" />
      )}
    </PageFrame>
  );
}
