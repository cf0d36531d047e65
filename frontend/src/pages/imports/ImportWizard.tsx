// The import wizard: 1 file, 2 column mapping (the server's suggestion, editable), 3 dry-run
// report (row errors, duplicates and their decisions), 4 writing (all or nothing), 5 final report.
// The server starts the dry-run as soon as the file is received, with its suggested mapping; a
// changed mapping or duplicate policy cancels that import and sends the file again with it.
import type { ImportJobOut as ImportJob } from "../../api/types";
import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Busy, ErrorBanner } from "../../components/ui";
import { importQueries, importsChanged } from "../../api/queries/imports";
import { RUNNING, wizardStep, type WizardView } from "./report";
import { useForm } from "../../components/useForm";
import { NO_UPLOAD, UploadStep, type Manual, type UploadValues } from "./UploadStep";
import { MappingStep } from "./MappingStep";
import { JobStep } from "./JobStep";

const STEPS = ["Fichier", "Correspondance des colonnes", "Analyse à blanc", "Écriture", "Rapport final"];

export function ImportWizard({ jobId, onJob }: { jobId: number | null; onJob: (id: number | null) => void }) {
  const queryClient = useQueryClient();
  // The first step's values: the file stays here for the mapping step, which sends it again.
  const upload = useForm<UploadValues>(NO_UPLOAD);
  const { file, kindDefault, policy } = upload.values;
  const [view, setView] = useState<WizardView>("upload");
  const [uploadedId, setUploadedId] = useState<number | null>(null);
  const [manual, setManual] = useState<Manual | null>(null);

  const job = useQuery({
    ...importQueries.job(jobId),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  });
  const current = jobId !== null ? (job.data ?? null) : null;
  // The mapping can be changed only for the file this page sent (its bytes are still here).
  const editable = file !== null && jobId !== null && uploadedId === jobId;
  const effectiveView: WizardView = jobId === null ? (manual ? "mapping" : "upload") : editable ? view : "report";
  const step = wizardStep(current, effectiveView);

  const wasRunning = useRef(false);
  useEffect(() => {
    const running = current !== null && RUNNING.has(current.status);
    if (wasRunning.current && !running) {
      importsChanged.finished(queryClient, current?.status === "committed");
    }
    wasRunning.current = running;
  }, [current, queryClient]);

  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  function started(created: ImportJob, next: WizardView) {
    importsChanged.job(queryClient, created);
    setUploadedId(created.id);
    setManual(null);
    setView(next);
    onJob(created.id);
  }

  function restart() {
    upload.set("file", null);
    setManual(null);
    setUploadedId(null);
    setView("upload");
    onJob(null);
  }

  return (
    <section className="card import-wizard" aria-labelledby="import-step-title">
      <ol className="wizard-steps" aria-label="Étapes de l'import">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index + 1 === step ? "step" : undefined}
            className={index + 1 < step ? "done" : undefined}
          >
            {index + 1}. {label}
            {index + 1 < step && <span className="sr-only"> (terminée)</span>}
          </li>
        ))}
      </ol>
      <h2 id="import-step-title" ref={heading} tabIndex={-1}>
        Étape {step} sur 5 : {STEPS[step - 1].toLowerCase()}
      </h2>
      {jobId !== null && job.isPending && <Busy label="Lecture de l'import…" />}
      <ErrorBanner error={job.error} />
      {effectiveView === "upload" && (
        <UploadStep form={upload} onStarted={(created) => started(created, "mapping")} onManual={setManual} />
      )}
      {effectiveView === "mapping" && file && (manual || current) && (
        <MappingStep
          key={current?.id ?? "manuel"}
          file={file}
          job={current}
          manual={manual}
          kindDefault={kindDefault}
          initialPolicy={current?.duplicate_policy ?? policy}
          onKeep={() => setView("report")}
          onStarted={(created) => started(created, "report")}
          onRestart={restart}
        />
      )}
      {effectiveView === "report" && current && (
        <JobStep job={current} canEditMapping={editable} onEditMapping={() => setView("mapping")} onRestart={restart} />
      )}
    </section>
  );
}
