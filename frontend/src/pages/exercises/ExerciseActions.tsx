// What a trainer does with a whole exercise: download it as one JSON document (with its
// business case), publish the draft (its trainees see it and start), close it (every open run
// is closed, its results frozen), delete it while nobody started it. Each sends the version read.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { downloadFile } from "../../api/download";
import { isStaleVersion } from "../../api/problem";
import { exercisesChanged } from "../../api/queries/exercises";
import type { ExerciseOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner } from "../../components/ui";
import { ConfirmAction } from "./ConfirmAction";

export function ExerciseActions({ exercise: e, started }: { exercise: ExerciseOut; started: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = { params: { path: { exercise_id: e.id } } };
  const onError = (error: unknown) => {
    // A stale version: read the exercise again, so that the next try carries the current one.
    if (isStaleVersion(error)) void exercisesChanged.exercise(queryClient, e.id);
  };
  const onSaved = (saved: ExerciseOut) => exercisesChanged.saved(queryClient, saved);
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/exercises/{exercise_id}/publish", { ...path, body: { version: e.version } })),
    onSuccess: onSaved,
    onError,
  });
  const close = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/exercises/{exercise_id}/close", { ...path, body: { version: e.version } })),
    onSuccess: onSaved,
    onError,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/exercises/{exercise_id}", path)),
    onSuccess: () => {
      void exercisesChanged.exercise(queryClient);
      navigate("/exercices");
    },
  });
  const download = useMutation({
    mutationFn: () => downloadFile(`/api/v1/exercises/${e.id}/export`, `exercice-${e.id}.json`),
  });
  const error = publish.error ?? close.error ?? remove.error ?? download.error;
  return (
    <div className="exercise-actions">
      <div className="card-actions">
        <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
          Exporter (JSON)
        </button>
        {e.status === "draft" && (
          <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {publish.isPending ? "Publication…" : "Publier"}
          </button>
        )}
        {e.status !== "closed" && (
          <ConfirmAction
            label="Clore"
            question={`Clore « ${e.title} » ? Les parcours encore ouverts sont clos et leurs résultats figés ; l'exercice ne se modifie plus.`}
            confirmLabel="Oui, clore"
            pendingLabel="Clôture…"
            pending={close.isPending}
            onConfirm={() => close.mutate()}
          />
        )}
        {!started && (
          <ConfirmButton
            label="Supprimer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
            question={`Supprimer « ${e.title} » et ses parcours non démarrés ?`}
          />
        )}
      </div>
      <div aria-live="polite">
        {publish.isSuccess && !publish.isPending && (
          <p role="status" className="alert alert-info">
            Exercice publié : les stagiaires assignés le voient dans « Exercices » et peuvent le démarrer.
          </p>
        )}
        {close.isSuccess && !close.isPending && (
          <p role="status" className="alert alert-info">
            Exercice clos : les résultats de chaque parcours sont figés.
          </p>
        )}
        {download.isSuccess && !download.isPending && (
          <p role="status" className="alert alert-info">
            Document téléchargé : {download.data}.
          </p>
        )}
      </div>
      {isStaleVersion(error) ? (
        <div role="alert" className="alert alert-error">
          Cet exercice a été modifié entre-temps : la page vient d'être rechargée, recommencez.
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}
    </div>
  );
}
