// What a trainee does with their draft or approved post: « Valider » (refused while the
// confidentiality check finds an error: the 409 post-blocked shows the blocking findings and
// their places, nothing else changes), « Publier » once approved (the day, today by default,
// and the address), « Annuler la publication ».
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { postChanged } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { isoToday } from "../../labels/prospects";
import { CheckReport } from "./CheckReport";
import { blockedFindingsOf } from "./findings";

type Post = S["SocialPostOut"];

export function PostActions({ post, dirty }: { post: Post; dirty: boolean }) {
  const queryClient = useQueryClient();
  const path = { params: { path: { post_id: post.id } } };
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/social/posts/{post_id}/approve", path)),
    onSuccess: () => postChanged(queryClient, post.id),
  });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/social/posts/{post_id}/cancel", path)),
    onSuccess: () => postChanged(queryClient, post.id),
  });
  const blocked = blockedFindingsOf(approve.error);
  return (
    <section className="card" aria-labelledby="post-actions">
      <h2 id="post-actions">{post.status === "draft" ? "Validation" : "Publication"}</h2>
      {dirty && <p className="hint">Enregistrez vos modifications avant de valider ou de publier.</p>}
      {post.status === "draft" && (
        <p>
          La validation contrôle la publication de nouveau : elle est refusée tant que la confidentialité y trouve une
          erreur.
        </p>
      )}
      <div className="card-actions">
        {post.status === "draft" && (
          <button
            type="button"
            className="primary"
            disabled={dirty || approve.isPending}
            onClick={() => approve.mutate()}
          >
            {approve.isPending ? "Validation…" : "Valider"}
          </button>
        )}
        <ConfirmButton
          label="Annuler la publication"
          question="Annuler cette publication ? Elle restera au calendrier, annulée."
          confirmLabel="Oui, annuler la publication"
          pending={cancel.isPending}
          onConfirm={() => cancel.mutate()}
        />
      </div>
      {blocked ? (
        <div role="alert" className="alert alert-error">
          <p>
            <strong>Publication bloquée par le contrôle de confidentialité.</strong>{" "}
            {blocked.length === 1 ? "Retirez cette donnée" : `Retirez ces ${blocked.length} données`} du texte, puis
            enregistrez et validez de nouveau.
          </p>
          <CheckReport text={post.text} media={post.media_description} findings={blocked} />
        </div>
      ) : (
        <ErrorBanner error={approve.error} />
      )}
      <ErrorBanner error={cancel.error} />
      {post.status === "approved" && !post.passed && (
        <p className="hint">
          Validée malgré des erreurs de cohérence avec la charte : vous en décidez, mais cette validation ne compte pas
          comme preuve de compétence.
        </p>
      )}
      {post.status === "approved" && <PublishForm post={post} disabled={dirty} />}
    </section>
  );
}

function PublishForm({ post, disabled }: { post: Post; disabled: boolean }) {
  const queryClient = useQueryClient();
  const today = isoToday();
  const { values, set, submitWith } = useForm({ published_on: today, url: "" });
  const publish = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/social/posts/{post_id}/publish", {
          params: { path: { post_id: post.id } },
          body: { published_on: v.published_on || null, url: v.url.trim() || null },
        }),
      ),
    onSuccess: () => postChanged(queryClient, post.id),
  });
  const errors = fieldErrorsOf(publish.error);
  return (
    <form className="form-grid" aria-label="Publier" noValidate onSubmit={submitWith((v) => publish.mutate(v))}>
      <p className="wide">Publiez-la sur le réseau, puis notez-le ici : CapVente n'atteint aucun réseau.</p>
      <Field label="Jour de publication" error={errors.published_on}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={today}
            value={values.published_on}
            onChange={(e) => set("published_on", e.target.value)}
          />
        )}
      </Field>
      <Field label="Adresse de la publication (facultatif)" error={errors.url}>
        {(p) => (
          <input
            {...p}
            type="url"
            placeholder="https://"
            value={values.url}
            onChange={(e) => set("url", e.target.value)}
          />
        )}
      </Field>
      <div className="wide">
        <SaveError error={publish.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={disabled || publish.isPending}>
          {publish.isPending ? "Publication…" : "Publier"}
        </button>
      </div>
    </form>
  );
}
