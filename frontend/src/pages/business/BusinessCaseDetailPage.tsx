// One business case for its writers (trainers, admins): its status and versions, publish,
// export, archive or restore, its assignments, the draft edited as JSON, and the draft's
// content read in sections as the trainees will read it once published.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { BusinessCaseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, Notice, PageFrame, formatDate } from "../../components/ui";
import { CASE_STATUSES, CASE_STATUS_CLASS } from "../../labels/businessCases";
import { InPageNav } from "../trainer/InPageNav";
import { AssignmentsCard } from "./AssignmentsCard";
import { CASE_PARTS, CaseDocumentView } from "./CaseDocumentView";
import { CaseActions } from "./CaseActions";
import { DraftEditor } from "./DraftEditor";
import { VersionsCard } from "./VersionsCard";
import "./business.css";

const PARTS = [
  { target: "case-assignments", label: "Attributions" },
  { target: "case-versions", label: "Versions" },
  { target: "case-draft", label: "Brouillon" },
  ...CASE_PARTS,
];

export function BusinessCaseDetailPage() {
  const id = Number(useParams().id);
  const businessCase = useQuery({ ...businessCaseQueries.detail(id) });
  const c = businessCase.data;
  return (
    <PageFrame
      title={c ? `Cas d'entreprise « ${c.name} »` : "Cas d'entreprise"}
      operations={[
        "read_case",
        "replace_draft",
        "publish_case",
        "export_case",
        "archive_case",
        "restore_case",
        "delete_case",
        "list_versions",
        "list_assignments",
        "assign_case",
        "unassign_case",
      ]}
    >
      <p>
        <Link to="/entreprise">← Tous les cas d'entreprise</Link>
      </p>
      <QueryState query={businessCase} busyLabel="Chargement du cas…">
        {(c) => <CaseBody businessCase={c} />}
      </QueryState>
    </PageFrame>
  );
}

function CaseBody({ businessCase: c }: { businessCase: BusinessCaseOut }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <InPageNav parts={PARTS} />
      <section className="card" aria-label="État du cas">
        <dl className="details-grid">
          <dt>Statut</dt>
          <dd>
            <span className={`status ${CASE_STATUS_CLASS[c.status]}`}>{CASE_STATUSES[c.status]}</span>
          </dd>
          <dt>Dernière version publiée</dt>
          <dd>{c.published_number ? `version ${c.published_number}` : "aucune"}</dd>
          <dt>Contenu</dt>
          <dd>
            {c.segments} segment(s), {c.products} produit(s) et service(s)
          </dd>
          <dt>Attributions</dt>
          <dd>{c.assignments}</dd>
          <dt>Mis à jour le</dt>
          <dd>{formatDate(c.updated_at, true)}</dd>
        </dl>
        {c.draft_changed && (
          <Notice>
            Brouillon modifié depuis la version {c.published_number} : publiez-le pour que vos stagiaires voient les
            changements.
          </Notice>
        )}
        <CaseActions businessCase={c} />
      </section>
      <AssignmentsCard businessCase={c} />
      <VersionsCard caseId={c.id} />
      <section className="card" aria-labelledby="case-draft">
        <h2 id="case-draft">Brouillon</h2>
        <p>
          Le brouillon est votre copie de travail ; « Publier » le fige en une nouvelle version. Ci-dessous, son contenu
          tel que vos stagiaires le liront.
        </p>
        <DisclosureButton open={editing} onToggle={() => setEditing(!editing)} closeLabel="Fermer l'éditeur">
          Modifier le brouillon (JSON)
        </DisclosureButton>
      </section>
      {editing && <DraftEditor key={c.version} businessCase={c} onDone={() => setEditing(false)} />}
      <CaseDocumentView document={c.document} nav={false} />
    </>
  );
}
