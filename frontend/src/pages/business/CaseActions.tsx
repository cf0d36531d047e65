// What a trainer does with a whole case: publish the draft as the next version, download it
// as JSON, archive or restore it, delete it while it was never published.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { downloadFile } from "../../api/download";
import { isStaleVersion } from "../../api/problem";
import { businessCasesChanged } from "../../api/queries/businessCases";
import type { BusinessCaseOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner } from "../../components/ui";

export function CaseActions({ businessCase: c }: { businessCase: BusinessCaseOut }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = { params: { path: { case_id: c.id } } };
  const refresh = () => businessCasesChanged.any(queryClient);
  // A stale version: read the case again, so that the next try carries the current one.
  const onError = (e: unknown) => {
    if (isStaleVersion(e)) void refresh();
  };
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/business-cases/{case_id}/publish", { ...path, body: { version: c.version } })),
    onSuccess: refresh,
    onError,
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) =>
      archived
        ? unwrap(api.POST("/api/v1/business-cases/{case_id}/archive", { ...path, body: { version: c.version } }))
        : unwrap(api.POST("/api/v1/business-cases/{case_id}/restore", { ...path, body: { version: c.version } })),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/business-cases/{case_id}", path)),
    onSuccess: () => {
      void refresh();
      navigate("/entreprise");
    },
  });
  const download = useMutation({
    mutationFn: () => downloadFile(`/api/v1/business-cases/${c.id}/export`, `cas-${c.id}-brouillon.json`),
  });
  const error = publish.error ?? archive.error ?? remove.error ?? download.error;
  return (
    <div className="case-actions">
      <div className="card-actions">
        {c.status !== "archived" && (
          <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {publish.isPending ? "Publication…" : "Publier"}
          </button>
        )}
        <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
          Exporter le brouillon (JSON)
        </button>
        {c.status === "archived" ? (
          <button type="button" disabled={archive.isPending} onClick={() => archive.mutate(false)}>
            Restaurer
          </button>
        ) : (
          c.status === "published" && (
            <ConfirmButton
              label="Archiver"
              confirmLabel="Oui, archiver"
              pending={archive.isPending}
              onConfirm={() => archive.mutate(true)}
              question={`Archiver « ${c.name} » ? Un cas archivé n'est plus attribué à personne : retirez d'abord ses attributions.`}
            />
          )
        )}
        {c.published_number === 0 && (
          <ConfirmButton
            label="Supprimer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
            question={`Supprimer le cas « ${c.name} », jamais publié ?`}
          />
        )}
      </div>
      <div aria-live="polite">
        {publish.isSuccess && !publish.isPending && (
          <p role="status" className="alert alert-info">
            Version {publish.data.number} publiée : les stagiaires qui ont ce cas la voient désormais.
          </p>
        )}
      </div>
      {isStaleVersion(error) ? (
        <div role="alert" className="alert alert-error">
          Ce cas a été modifié entre-temps : la page vient d'être rechargée, recommencez.
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}
    </div>
  );
}
