// A draft or approved post rewritten by its trainee: its fields, checked live by the server
// while typing (nothing saved until « Enregistrer »; an approved post saved goes back to
// draft), then what can be done with it (PostActions).
import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { postChanged, socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { ErrorBanner } from "../../components/ui";
import { useDebounced } from "../../components/useDebounced";
import { useForm } from "../../components/useForm";
import { CheckReport } from "./CheckReport";
import { PostActions } from "./PostActions";
import { PostFields, draftOf, postBody, type PostDraft } from "./PostFields";

type Post = S["SocialPostOut"];

export function PostEditor({ post }: { post: Post }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<PostDraft>(() => draftOf(post));
  const dirty = JSON.stringify(values) !== JSON.stringify(draftOf(post));
  const settled = useDebounced(values, 400);
  const checkable = settled.theme.trim() !== "" && settled.planned_on !== "";
  const live = useQuery({
    ...socialQueries.check({ ...postBody(settled), post_id: post.id }),
    enabled: checkable,
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: (d: PostDraft) =>
      unwrap(
        api.PATCH("/api/v1/social/posts/{post_id}", {
          params: { path: { post_id: post.id } },
          body: { ...postBody(d), version: post.version },
        }),
      ),
    onSuccess: () => postChanged(queryClient, post.id),
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <>
      <form
        className="card form-grid"
        aria-label="Modifier la publication"
        noValidate
        onSubmit={submitWith((v) => save.mutate(v))}
      >
        <h2 className="wide">Rédaction</h2>
        {post.status === "approved" && (
          <p className="hint wide">
            Validée : une modification enregistrée la remet en brouillon, à valider de nouveau.
          </p>
        )}
        <PostFields values={values} set={set} errors={errors} />
        <section className="wide" aria-live="polite" aria-label="Contrôle en direct">
          <h2>Contrôle en direct (non enregistré)</h2>
          {!checkable ? (
            <p>Choisissez un thème et un jour pour lancer le contrôle.</p>
          ) : live.error ? (
            <ErrorBanner error={live.error} title="Contrôle indisponible :" />
          ) : live.data ? (
            <LiveVerdict check={live.data} text={settled.text} media={settled.media_description} />
          ) : (
            <p>Contrôle en cours…</p>
          )}
        </section>
        <FormFooter
          error={save.error}
          pending={save.isPending}
          stale="Cette publication a été modifiée entre-temps : vos modifications n'ont pas été enregistrées. Rechargez la page pour partir de la version actuelle."
          submitLabel="Enregistrer"
        />
      </form>
      <PostActions post={post} dirty={dirty} />
    </>
  );
}

function LiveVerdict({ check, text, media }: { check: S["SocialCheckOut"]; text: string; media: string }) {
  return (
    <>
      <p>
        <strong className={check.passed ? "status-ok" : "status-error"}>
          {check.passed
            ? "Le contrôle réussit"
            : check.blocked
              ? "Bloquée : la confidentialité refuserait la validation"
              : "À corriger"}
        </strong>{" "}
        — {check.posts_in_week} publication{check.posts_in_week > 1 ? "s" : ""} prévue
        {check.posts_in_week > 1 ? "s" : ""} cette semaine sur ce réseau.
      </p>
      <CheckReport text={text} media={media} findings={check.findings} />
    </>
  );
}
