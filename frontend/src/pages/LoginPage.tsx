// The sign-in page: e-mail and password, then back to the page asked for (a signed-in
// visitor goes there at once).
import { useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { ErrorBanner, Field, Notice } from "../components/ui";
import { useForm } from "../components/useForm";

export function LoginPage() {
  const { me, login, endReason } = useAuth();
  const location = useLocation();
  const { values, set, submitWith } = useForm({ email: "", password: "" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) {
    const from = (location.state as { from?: string } | null)?.from ?? "/";
    return <Navigate to={from} replace />;
  }

  async function signIn({ email, password }: typeof values) {
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="contenu">
      <h1>CapVente</h1>
      <p>Le CRM d'entraînement du titre professionnel Conseiller commercial.</p>
      {endReason === "expired" && <Notice>Votre session a expiré : reconnectez-vous.</Notice>}
      {endReason === "logout" && <Notice>Vous êtes déconnecté(e).</Notice>}
      <form onSubmit={submitWith((v) => void signIn(v))} className="card" aria-label="Connexion">
        <Field label="Adresse e-mail">
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              required
              value={values.email}
              onChange={(e) => set("email", e.target.value)}
            />
          )}
        </Field>
        <Field label="Mot de passe">
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              required
              value={values.password}
              onChange={(e) => set("password", e.target.value)}
            />
          )}
        </Field>
        <ErrorBanner error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Connexion…" : "Se connecter"}
        </button>
      </form>
      <p className="hint">
        Démo : stagiaire01@demo.capvente.fr, formateur@demo.capvente.fr — mot de passe capvente-demo.
      </p>
    </main>
  );
}
