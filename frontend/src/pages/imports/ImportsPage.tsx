// Imports and exports of the prospect file (CT4, CP3): the import wizard, past imports, exports.
import { useSearchParams } from "react-router-dom";
import { PageFrame } from "../../components/ui";
import { ExportCard } from "./ExportCard";
import { ImportHistory } from "./ImportHistory";
import { ImportWizard } from "./ImportWizard";
import "./imports.css";

export function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get("import")) || null;
  const setJob = (id: number | null) => setParams(id === null ? {} : { import: String(id) });
  return (
    <PageFrame
      title="Imports et exports du fichier prospects"
      operations={[
        "upload_import",
        "read_import",
        "commit_import",
        "cancel_import",
        "list_imports",
        "export_prospects",
      ]}
    >
      <ImportWizard jobId={jobId} onJob={setJob} />
      <ImportHistory
        openId={jobId}
        onOpen={(id) => {
          setJob(id);
          window.scrollTo({ top: 0 });
        }}
      />
      <ExportCard />
    </PageFrame>
  );
}
