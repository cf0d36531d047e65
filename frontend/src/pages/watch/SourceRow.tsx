// A watch source's row: status and freshness against the cadence, refresh now (busy state and
// outcome), pause or resume, edit (the row becomes the form) and delete.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged } from "../../api/queries/watch";
import type { SourceOut as Source } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, formatDate } from "../../components/ui";
import { CADENCES, FETCHED_KINDS, FRESHNESS, KINDS, STATUSES, TOPICS } from "../../labels/watch";
import { SourceForm } from "./SourceForm";

export function SourceRow({ source }: { source: Source }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/watch/sources/{source_id}", {
          params: { path: { source_id: source.id } },
        }),
      ),
    onSuccess: () => {
      watchChanged.source(queryClient);
    },
  });
  const refresh = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/watch/sources/{source_id}/refresh", {
          params: { path: { source_id: source.id } },
        }),
      ),
    onSuccess: (result) => {
      setOutcome(
        result.outcome === "ok"
          ? `${result.new_items} nouvel(s) article(s)`
          : result.outcome === "not_modified"
            ? "Rien de nouveau"
            : result.outcome === "busy"
              ? "Déjà en cours"
              : `Erreur : ${result.error ?? ""}`,
      );
      watchChanged.sourceRefreshed(queryClient);
    },
  });
  const pause = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH("/api/v1/watch/sources/{source_id}", {
          params: { path: { source_id: source.id } },
          body: { version: source.version, paused: source.status !== "paused" },
        }),
      ),
    onSuccess: () => watchChanged.sourceState(queryClient),
  });
  const fetched = FETCHED_KINDS.has(source.kind);
  if (editing) {
    return (
      <tr>
        <td colSpan={8}>
          <SourceForm key={source.version} source={source} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">
        {source.name}
        {source.url && (
          <>
            <br />
            <small className="muted">{source.url}</small>
          </>
        )}
      </th>
      <td>{KINDS[source.kind]}</td>
      <td>{TOPICS[source.topic]}</td>
      <td>{CADENCES[source.cadence]}</td>
      <td title={source.reliability_reason}>{source.reliability}/5</td>
      <td>
        <span className={`status status-${source.status}`}>{STATUSES[source.status]}</span>{" "}
        <span className={`status fresh-${source.freshness ?? "never"}`}>{FRESHNESS[source.freshness ?? "never"]}</span>
        {source.last_error && (
          <>
            <br />
            <small className="field-error">{source.last_error}</small>
          </>
        )}
      </td>
      <td>{formatDate(source.last_fetched_at, true)}</td>
      <td className="row-actions">
        {fetched && (
          <button
            type="button"
            onClick={() => refresh.mutate()}
            disabled={refresh.isPending || source.status === "paused"}
            aria-busy={refresh.isPending}
          >
            {refresh.isPending ? "Actualisation…" : "Actualiser"}
          </button>
        )}
        <button type="button" onClick={() => pause.mutate()} disabled={pause.isPending}>
          {source.status === "paused" ? "Reprendre" : "Mettre en pause"}
        </button>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Modifier la source ${source.name}`}>
          Modifier
        </button>
        <ConfirmButton
          label="Supprimer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Supprimer la source « ${source.name} » ? Ses articles restent dans votre veille.`}
        />
        {outcome && (
          <span role="status" className="muted">
            {outcome}
          </span>
        )}
        <ErrorBanner error={refresh.error ?? pause.error ?? remove.error} />
      </td>
    </tr>
  );
}
