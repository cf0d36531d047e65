// « Nouvelle publication »: a post planned in the calendar as a draft, checked by the server
// at once; the editor opens on it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { postChanged } from "../../api/queries/social";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { RequiredNote } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { PostFields, postBody, type PostDraft } from "./PostFields";

export function NewPostForm({ day, onDone }: { day: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { values, set, submitWith } = useForm<PostDraft>({
    network: "linkedin",
    planned_on: day,
    objective: "awareness",
    interlocutor: "",
    theme: "",
    text: "",
    media_description: "",
  });
  const create = useMutation({
    mutationFn: (d: PostDraft) => unwrap(api.POST("/api/v1/social/posts", { body: postBody(d) })),
    onSuccess: async (post) => {
      await postChanged(queryClient);
      onDone();
      navigate(`/reseaux/publications/${post.id}`);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <form
      className="card form-grid"
      aria-label="Nouvelle publication"
      noValidate
      onSubmit={submitWith((v) => create.mutate(v))}
    >
      <h2 className="wide">Nouvelle publication</h2>
      <RequiredNote />
      <PostFields values={values} set={set} errors={errors} />
      <FormFooter
        error={create.error}
        pending={create.isPending}
        stale={changedMeanwhile("Cette publication")}
        submitLabel="Prévoir la publication"
        onCancel={onDone}
      />
    </form>
  );
}
