// The signed-in person's account: who they are for the application, and their password.
import { useAuth } from "../../auth/AuthContext";
import { roleLabel } from "../../components/Layout";
import { Busy, PageFrame, formatDate } from "../../components/ui";
import { PasswordForm } from "./PasswordForm";
import "../admin/admin.css";

export function AccountPage() {
  const { me } = useAuth();
  if (!me) return <Busy />;
  return (
    <PageFrame title="Mon compte" operations={["read_me", "change_my_password"]}>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profil</h2>
        <dl className="account-facts">
          <dt>Nom</dt>
          <dd>{me.full_name}</dd>
          <dt>Adresse e-mail</dt>
          <dd>{me.email}</dd>
          <dt>Rôle</dt>
          <dd>{roleLabel(me.role)}</dd>
          {me.cohort && (
            <>
              <dt>Cohorte</dt>
              <dd>{me.cohort.name}</dd>
            </>
          )}
          {me.led_cohorts.length > 0 && (
            <>
              <dt>Cohortes animées</dt>
              <dd>{me.led_cohorts.map((c) => c.name).join(", ")}</dd>
            </>
          )}
          <dt>Dernière connexion</dt>
          <dd>{formatDate(me.last_login_at, true)}</dd>
        </dl>
        <p className="hint">Le nom, le rôle et la cohorte sont gérés par l'administration de votre centre.</p>
      </section>
      <PasswordForm email={me.email} />
    </PageFrame>
  );
}
