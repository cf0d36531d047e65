// A post of the content calendar (CP5.5, CP5.6, CP3.8): its trainee rewrites it under the
// live check while it is a draft or approved, validates it (refused while its
// confidentiality check blocks it), publishes or cancels it, then records its figures.
// Staff, and anybody once it is published or cancelled, read it with its last check.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useIsMine } from "../../components/ReadOnly";
import { formatDate } from "../../components/ui";
import { INTERLOCUTORS } from "../../labels/presentations";
import { NETWORKS, POST_OBJECTIVES, POST_STATUSES } from "../../labels/social";
import { dayShort } from "./calendar";
import { CheckReport } from "./CheckReport";
import { Verdict } from "./Findings";
import { KpiSection } from "./KpiSection";
import { PostEditor } from "./PostEditor";
import { useScope } from "./scope";
import { SocialPage } from "./SocialPage";

type Post = S["SocialPostOut"];

export function PostPage() {
  const id = Number(useParams().id);
  const scope = useScope();
  const query = useQuery(socialQueries.post(id));
  const post = query.data;
  const mine = useIsMine(post?.owner_id) && !scope.staff;
  return (
    <SocialPage
      title={post ? `Publication ${NETWORKS[post.network]} du ${dayShort(post.planned_on)}` : "Publication"}
      operations={["update_post", "approve_post", "publish_post", "save_kpi"]}
      anyTrainee
    >
      {() => (
        <>
          <p>
            <Link to={`/reseaux/calendrier${monthSearch(post, scope.search)}`}>← Retour au calendrier éditorial</Link>
          </p>
          <QueryState query={query} isEmpty={() => false}>
            {(p) => <PostView post={p} mine={mine} />}
          </QueryState>
        </>
      )}
    </SocialPage>
  );
}

/** The calendar's month of the post, staff keeping their trainee. */
function monthSearch(post: Post | undefined, search: string): string {
  if (!post) return search;
  return `${search ? `${search}&` : "?"}mois=${post.planned_on.slice(0, 7)}`;
}

function PostView({ post, mine }: { post: Post; mine: boolean }) {
  const editable = post.status === "draft" || post.status === "approved";
  return (
    <>
      <dl className="social-figures">
        <div>
          <dt>Statut</dt>
          <dd>
            <span className={`post-status post-status-${post.status}`}>{POST_STATUSES[post.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Dernier contrôle enregistré</dt>
          <dd>
            <Verdict findings={post.findings} passed={post.passed} />
          </dd>
        </div>
        <div>
          <dt>Objectif</dt>
          <dd>{POST_OBJECTIVES[post.objective]}</dd>
        </div>
        <div>
          <dt>Cible visée</dt>
          <dd>{post.interlocutor ? INTERLOCUTORS[post.interlocutor] : "Tous publics"}</dd>
        </div>
        {post.approved_at && (
          <div>
            <dt>Validée le</dt>
            <dd>{formatDate(post.approved_at)}</dd>
          </div>
        )}
        {post.published_on && (
          <div>
            <dt>Publiée le</dt>
            <dd>{dayShort(post.published_on)}</dd>
          </div>
        )}
      </dl>
      {post.url && (
        <p>
          Adresse : <a href={post.url}>{post.url}</a>
        </p>
      )}
      {mine && editable ? (
        <PostEditor key={`${post.id}-${post.version}`} post={post} />
      ) : (
        <section className="card" aria-labelledby="post-text">
          <h2 id="post-text">Texte et dernier contrôle</h2>
          <p>
            <strong>Thème :</strong> {post.theme}
          </p>
          {post.text ? null : <p className="muted">Pas encore de texte.</p>}
          <CheckReport text={post.text} media={post.media_description} findings={post.findings} />
        </section>
      )}
      {post.status === "published" && <KpiSection post={post} mine={mine} />}
    </>
  );
}
