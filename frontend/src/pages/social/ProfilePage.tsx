// A professional profile on a network (CP5.4): written by the trainee and checked against the
// company's charter at each save, every finding beside the field it names; a profile that
// passes says so. Staff read their trainee's.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Notice, formatDate } from "../../components/ui";
import { NETWORKS } from "../../labels/social";
import { NotFoundPage } from "../NotFoundPage";
import { isNetwork } from "./profile";
import { ProfileForm } from "./ProfileForm";
import { useCharter } from "./PostFields";
import type { Scope } from "./scope";
import { SocialPage } from "./SocialPage";

export function ProfilePage() {
  const network = useParams().network;
  if (!isNetwork(network)) return <NotFoundPage />;
  return <NetworkProfile network={network} />;
}

function NetworkProfile({ network }: { network: S["SocialNetwork"] }) {
  return (
    <SocialPage title={`Profil professionnel ${NETWORKS[network]}`} operations={["save_profile"]}>
      {(scope) => <ProfileContent network={network} scope={scope} />}
    </SocialPage>
  );
}

function ProfileContent({ network, scope }: { network: S["SocialNetwork"]; scope: Scope }) {
  const query = useQuery(socialQueries.profile(network, scope.traineeId));
  return (
    <>
      <p>
        <Link to={`/reseaux/profils${scope.search}`}>← Tous les profils</Link>
      </p>
      {!scope.staff && <CharterReminder network={network} />}
      <QueryState query={query} isEmpty={() => false}>
        {(profile) => (
          <>
            <Status profile={profile} />
            <ProfileForm
              key={`${profile.id}-${profile.version}`}
              network={network}
              profile={profile}
              readOnly={scope.staff}
            />
          </>
        )}
      </QueryState>
      {query.data === null &&
        (scope.staff ? (
          <EmptyState title={`Pas encore de profil ${NETWORKS[network]}.`} />
        ) : (
          <>
            <Notice>Pas encore de profil {NETWORKS[network]} : écrivez-le, il sera contrôlé à l'enregistrement.</Notice>
            <ProfileForm key="new" network={network} profile={null} readOnly={false} />
          </>
        ))}
    </>
  );
}

function Status({ profile }: { profile: S["SocialProfileOut"] }) {
  const errors = profile.findings.filter((f) => f.severity === "error").length;
  return profile.passed ? (
    <div role="status" className="alert alert-info">
      <strong className="status-ok">Ce profil respecte la charte de l'entreprise.</strong>{" "}
      {profile.first_passed_at && <>Première réussite le {formatDate(profile.first_passed_at)}.</>}
    </div>
  ) : (
    <div role="status" className="alert alert-warn">
      <strong className="status-error">
        À corriger : {errors} point{errors > 1 ? "s" : ""}
      </strong>{" "}
      — chaque constat du dernier enregistrement est indiqué sous le champ qu'il concerne.
    </div>
  );
}

/** What the charter asks of a profile, to write it right the first time. */
function CharterReminder({ network }: { network: S["SocialNetwork"] }) {
  const charter = useCharter();
  if (!charter) return null;
  const inCharter = (charter.networks ?? []).includes(network);
  return (
    <details className="card">
      <summary>Ce que la charte de l'entreprise demande</summary>
      <ul>
        <li>Nommez l'entreprise dans votre titre ou dans votre poste actuel.</li>
        <li>Citez la page de l'entreprise « {charter.company_page} ».</li>
        <li>Ton : {charter.tone}</li>
        {!inCharter && <li>{NETWORKS[network]} n'est pas un réseau de la charte.</li>}
        {(charter.forbidden_words ?? []).length > 0 && (
          <li>Mots interdits : {(charter.forbidden_words ?? []).map((w) => `« ${w} »`).join(", ")}.</li>
        )}
      </ul>
    </details>
  );
}
