// Creating an account, or editing one (name, role, cohort, active, a password reset).
import type { CohortOut, UserOut } from "../../api/types";
import { useState } from "react";
import { useForm } from "../../components/useForm";
import { FormFooter } from "../../components/FormFooter";
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { Field, Options } from "../../components/ui";
import { ROLES, required, type Role } from "../../labels/admin";

type Draft = {
  email: string;
  full_name: string;
  role: Role;
  cohort_id: string;
  password: string;
  is_active: boolean;
};

function draftOf(user: UserOut | null): Draft {
  return {
    email: user?.email ?? "",
    full_name: user?.full_name ?? "",
    role: user?.role ?? "trainee",
    cohort_id: user?.cohort_id ? String(user.cohort_id) : "",
    password: "",
    is_active: user?.is_active ?? true,
  };
}

export function UserForm(props: {
  user: UserOut | null;
  cohorts: CohortOut[];
  /** The signed-in admin: cannot demote or deactivate themselves. */
  selfId: number;
  onSaved: (user: UserOut) => void;
  onCancel: () => void;
}) {
  const { user } = props;
  const { values: draft, set, submitWith } = useForm<Draft>(() => draftOf(user));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const cohortId = d.role === "trainee" && d.cohort_id ? Number(d.cohort_id) : null;
      if (!user) {
        return unwrap(
          api.POST("/api/v1/users", {
            body: {
              email: d.email.trim(),
              full_name: d.full_name.trim(),
              role: d.role,
              password: d.password,
              cohort_id: cohortId,
            },
          }),
        );
      }
      return unwrap(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id } },
          body: {
            version: user.version,
            full_name: d.full_name.trim(),
            role: d.role,
            cohort_id: cohortId,
            is_active: d.is_active,
            ...(d.password ? { password: d.password } : {}),
          },
        }),
      );
    },
    onSuccess: props.onSaved,
  });
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const self = user?.id === props.selfId;

  const title = user ? `Modifier le compte de ${user.full_name}` : "Nouveau compte";
  return (
    <form
      className="card form-grid"
      onSubmit={submitWith((d) => {
        const found = required(
          user ? { full_name: d.full_name } : { email: d.email, full_name: d.full_name, password: d.password },
        );
        setLocal(found);
        if (Object.keys(found).length === 0) save.mutate(d);
      })}
      aria-label={title}
      noValidate
    >
      <h2 className="wide">{title}</h2>
      {user ? (
        <p className="wide">
          Adresse e-mail : <strong>{user.email}</strong>
        </p>
      ) : (
        <Field label="Adresse e-mail" error={errors.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="off"
              required
              aria-required="true"
              value={draft.email}
              onChange={(e) => set("email", e.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Nom complet" error={errors.full_name}>
        {(p) => (
          <input
            {...p}
            required
            aria-required="true"
            value={draft.full_name}
            onChange={(e) => set("full_name", e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Rôle"
        error={errors.role}
        hint={self ? "Vous ne pouvez pas retirer votre propre rôle d'administrateur." : undefined}
      >
        {(p) => (
          <select {...p} value={draft.role} disabled={self} onChange={(e) => set("role", e.target.value as Role)}>
            <Options labels={ROLES} />
          </select>
        )}
      </Field>
      {draft.role === "tutor" && (
        <p className="hint wide">
          Un tuteur en entreprise ne suit pas de cohorte :{" "}
          {user
            ? "choisissez ses alternants sous ce formulaire."
            : "choisissez ses alternants une fois le compte créé (« Modifier »)."}
        </p>
      )}
      {draft.role === "trainee" && (
        <Field label="Cohorte suivie" error={errors.cohort_id}>
          {(p) => (
            <select {...p} value={draft.cohort_id} onChange={(e) => set("cohort_id", e.target.value)}>
              <option value="">Aucune</option>
              {props.cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        label={user ? "Nouveau mot de passe (facultatif)" : "Mot de passe initial"}
        error={errors.password}
        hint={
          user
            ? "Réinitialise le mot de passe : ses sessions se ferment et ses jetons d'API sont révoqués."
            : "10 caractères au moins, à transmettre à la personne."
        }
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            required={!user}
            aria-required={!user}
            value={draft.password}
            onChange={(e) => set("password", e.target.value)}
          />
        )}
      </Field>
      {user && (
        <label className="check wide">
          <input
            type="checkbox"
            checked={draft.is_active}
            disabled={self}
            onChange={(e) => set("is_active", e.target.checked)}
          />
          Compte actif (décoché : la personne ne peut plus se connecter, ses sessions se ferment)
        </label>
      )}
      <FormFooter
        error={save.error}
        local={Object.keys(local).length > 0}
        pending={save.isPending}
        stale="Ce compte a été modifié entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire et rouvrez-le depuis la liste à jour."
        submitLabel={user ? "Enregistrer" : "Créer le compte"}
        onCancel={props.onCancel}
      />
    </form>
  );
}
