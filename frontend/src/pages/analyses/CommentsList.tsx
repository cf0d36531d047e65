// The comments on a version: who (trainer or tutor), when, the passage quoted (with its place
// in the text) or the whole note, and the comment.
import type { CommentOut } from "../../api/types";
import { EmptyState, formatDate } from "../../components/ui";

const ROLES: Record<string, string> = {
  trainer: "formateur",
  admin: "administration",
  tutor: "tuteur en entreprise",
};

export function CommentsList({ comments, number }: { comments: CommentOut[]; number: number }) {
  if (comments.length === 0) return <EmptyState title={`Aucun commentaire sur la version ${number}.`} />;
  return (
    <ol className="comments" aria-label={`Commentaires de la version ${number}`}>
      {comments.map((c) => (
        <li key={c.id} className="comment">
          <p className="comment-meta">
            <strong>{c.author_name}</strong> ({ROLES[c.author_role] ?? c.author_role}), le{" "}
            {formatDate(c.created_at, true)}
            {c.quote ? "" : " — sur la note entière"}
          </p>
          {c.quote && (
            <figure className="comment-quote">
              <blockquote>{c.quote}</blockquote>
              {c.start !== null && c.end !== null && (
                <figcaption className="hint">
                  Passage cité, caractères {c.start + 1} à {c.end} du texte
                </figcaption>
              )}
            </figure>
          )}
          <p className="pre-wrap">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}
