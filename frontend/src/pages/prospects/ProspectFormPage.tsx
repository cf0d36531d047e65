// The pages that create or edit a prospect record (CP3.7), around its form (ProspectForm).
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import { PageFrame } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { ProspectForm } from "./ProspectForm";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

export function ProspectCreatePage() {
  return (
    <PageFrame title="Nouveau prospect" operations={["create_prospect"]}>
      <ProspectsNav />
      <ProspectForm />
    </PageFrame>
  );
}

export function ProspectEditPage() {
  const id = Number(useParams().id);
  const prospect = useQuery({
    ...prospectQueries.detail(id),
    enabled: Number.isInteger(id),
  });
  return (
    <PageFrame
      title={prospect.data ? `Modifier : ${prospect.data.name}` : "Modifier un prospect"}
      operations={["read_prospect", "update_prospect"]}
    >
      <ProspectsNav />
      <p>
        <Link to={`/prospects/${id}`}>Retour à la fiche</Link>
      </p>
      <QueryState query={prospect}>
        {(data) => <ProspectForm prospect={data} onReload={() => prospect.refetch()} />}
      </QueryState>
    </PageFrame>
  );
}
