// Changing one's password: the current one, the new one twice, and whether the personal API
// tokens go too (checked by default). The server ends every session of the account, this
// one included; the form then opens a new session with the new password, which the other
// tabs of the browser pick up (AuthContext shares it).
import { useState, type ComponentProps } from "react";
import { useForm } from "../../components/useForm";
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { useAuth } from "../../auth/AuthContext";
import { Field, Notice, SaveError } from "../../components/ui";
import "../admin/admin.css";

export const MIN_PASSWORD = 10;

/** What <Field> gives its control (id, aria-invalid…). */
type FieldControl = Parameters<ComponentProps<typeof Field>["children"]>[0];

type Draft = { current: string; next: string; confirm: string; revokeTokens: boolean };
const EMPTY: Draft = { current: "", next: "", confirm: "", revokeTokens: true };

/** Errors the form can tell before asking the server (French, beside each field). */
export function checkPasswordDraft(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.current) errors.current_password = "Champ obligatoire";
  if (!draft.next) errors.new_password = "Champ obligatoire";
  else if (draft.next.length < MIN_PASSWORD) errors.new_password = `Au moins ${MIN_PASSWORD} caractères.`;
  if (!draft.confirm) errors.confirm = "Champ obligatoire";
  else if (draft.next && draft.confirm !== draft.next)
    errors.confirm = "Les deux saisies du nouveau mot de passe diffèrent.";
  return errors;
}

export function PasswordForm({ email }: { email: string }) {
  const { login } = useAuth();
  const { values: draft, setValues: setDraft, set, submitWith } = useForm<Draft>(EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<boolean | null>(null);
  const change = useMutation({
    mutationFn: async (d: Draft) => {
      await unwrap(
        api.POST("/api/v1/me/password", {
          body: { current_password: d.current, new_password: d.next, revoke_api_tokens: d.revokeTokens },
        }),
      );
      // Every session ended, this one too: open the next one with the new password.
      await login(email, d.next);
      return d.revokeTokens;
    },
    onSuccess: (revoked) => {
      setDraft(EMPTY);
      setDone(revoked);
    },
  });
  const errors = { ...fieldErrorsOf(change.error), ...local };

  function submit(d: Draft) {
    setDone(null);
    const found = checkPasswordDraft(d);
    setLocal(found);
    if (Object.keys(found).length === 0) change.mutate(d);
  }
  /** The control of a password field of the form. */
  const passwordInput = (key: "current" | "next" | "confirm", autoComplete: string) => (p: FieldControl) => (
    <input
      {...p}
      type="password"
      autoComplete={autoComplete}
      required
      aria-required="true"
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
    />
  );

  return (
    <form className="card form-grid" onSubmit={submitWith(submit)} aria-labelledby="password-title" noValidate>
      <h2 id="password-title" className="wide">
        Changer mon mot de passe
      </h2>
      <p className="wide hint">
        Toutes vos sessions ouvertes (autres navigateurs, autres appareils) seront fermées ; celle-ci continue avec le
        nouveau mot de passe.
      </p>
      <Field label="Mot de passe actuel" error={errors.current_password}>
        {passwordInput("current", "current-password")}
      </Field>
      <Field label="Nouveau mot de passe" error={errors.new_password} hint={`${MIN_PASSWORD} caractères au moins.`}>
        {passwordInput("next", "new-password")}
      </Field>
      <Field label="Confirmer le nouveau mot de passe" error={errors.confirm}>
        {passwordInput("confirm", "new-password")}
      </Field>
      <div className="field wide">
        <label className="check">
          <input type="checkbox" checked={draft.revokeTokens} onChange={(e) => set("revokeTokens", e.target.checked)} />{" "}
          Révoquer aussi mes jetons d'API (recommandé si le mot de passe a pu être découvert)
        </label>
      </div>
      <div className="wide">
        <SaveError error={Object.keys(local).length ? null : change.error} />
        {Object.keys(local).length > 0 && <Notice>Corrigez les champs signalés.</Notice>}
        {done !== null && (
          <Notice>
            Mot de passe modifié. Vos autres sessions sont fermées
            {done ? " et vos jetons d'API révoqués." : " ; vos jetons d'API restent valables."}
          </Notice>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? "Modification…" : "Changer le mot de passe"}
        </button>
      </div>
    </form>
  );
}
