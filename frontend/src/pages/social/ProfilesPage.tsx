// The professional profiles (CP5.4), one per network: the charter's networks first, each
// with its state (not written, to correct, passing) and a link to its editor.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { formatDate } from "../../components/ui";
import { NETWORKS } from "../../labels/social";
import { Verdict } from "./Findings";
import { useCharter } from "./PostFields";
import { useScope } from "./scope";
import { SocialPage } from "./SocialPage";

export function ProfilesPage() {
  const scope = useScope();
  const profiles = useQuery({ ...socialQueries.profiles(scope.traineeId), enabled: !scope.missing });
  const charter = useCharter(!scope.staff);
  const charterNetworks = charter?.networks ?? [];
  const networks = (Object.keys(NETWORKS) as S["SocialNetwork"][]).sort(
    (a, b) => Number(charterNetworks.includes(b)) - Number(charterNetworks.includes(a)),
  );
  return (
    <SocialPage title="Profils professionnels" operations={["save_profile"]}>
      {(s) => (
        <>
          <p className="lead">
            Un profil par réseau, contrôlé à chaque enregistrement selon la charte de l'entreprise : son nom et sa page,
            le ton, les mentions, la photo et les réglages de contact.
          </p>
          <QueryState query={profiles} isEmpty={() => false}>
            {(list) => {
              const byNetwork = new Map(list.map((p) => [p.network, p]));
              const shown = s.staff ? networks.filter((n) => byNetwork.has(n)) : networks;
              if (shown.length === 0) return <p className="muted">Aucun profil écrit pour l'instant.</p>;
              return (
                <DataTable
                  caption="Profils par réseau et leur contrôle"
                  headers={["Réseau", "Contrôle", "Mis à jour le", { label: "Actions", srOnly: true }]}
                >
                  {shown.map((network) => {
                    const profile = byNetwork.get(network);
                    return (
                      <tr key={network}>
                        <th scope="row">
                          {NETWORKS[network]}
                          {charterNetworks.includes(network) && <span className="muted"> (réseau de la charte)</span>}
                        </th>
                        <td>
                          {profile ? (
                            <Verdict findings={profile.findings} passed={profile.passed} />
                          ) : (
                            "Pas encore écrit"
                          )}
                        </td>
                        <td>{profile ? formatDate(profile.updated_at) : "—"}</td>
                        <td>
                          <Link to={`/reseaux/profils/${network}${s.search}`}>
                            {s.staff ? "Consulter" : profile ? "Modifier" : "Écrire"}
                            <span className="sr-only"> le profil {NETWORKS[network]}</span>
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </DataTable>
              );
            }}
          </QueryState>
        </>
      )}
    </SocialPage>
  );
}
