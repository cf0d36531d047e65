// The fields of a post, in the calendar's new post form and in the post editor: network, day,
// objective, target, theme (one of the charter's when it lists some), text, media description.
import { useQuery } from "@tanstack/react-query";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { Schemas as S } from "../../api/types";
import { Field, Options } from "../../components/ui";
import { INTERLOCUTORS } from "../../labels/presentations";
import { NETWORKS, POST_OBJECTIVES } from "../../labels/social";

export type PostDraft = {
  network: S["SocialNetwork"];
  planned_on: string;
  objective: S["PostObjective"];
  interlocutor: S["Interlocutor"] | "";
  theme: string;
  text: string;
  media_description: string;
};

/** The body the API takes (no target: null). */
export function postBody(d: PostDraft): S["SocialPostIn"] {
  return { ...d, interlocutor: d.interlocutor || null };
}

export function draftOf(post: S["SocialPostOut"]): PostDraft {
  return {
    network: post.network,
    planned_on: post.planned_on,
    objective: post.objective,
    interlocutor: post.interlocutor ?? "",
    theme: post.theme,
    text: post.text,
    media_description: post.media_description,
  };
}

/** The charter of the trainee's active case (its themes, networks, page…), if any. */
export function useCharter(enabled = true) {
  const active = useQuery({ ...businessCaseQueries.active(), enabled });
  return active.data?.document.policy.social_media ?? null;
}

export function PostFields(props: {
  values: PostDraft;
  set: <K extends keyof PostDraft>(key: K, value: PostDraft[K]) => void;
  errors: Record<string, string | undefined>;
}) {
  const { values, set, errors } = props;
  const charter = useCharter();
  const themes = charter?.themes ?? [];
  const offTheme = values.theme !== "" && !themes.includes(values.theme);
  return (
    <>
      <Field label="Réseau" error={errors.network} required>
        {(p) => (
          <select
            {...p}
            value={values.network}
            onChange={(e) => set("network", e.target.value as PostDraft["network"])}
          >
            <Options labels={NETWORKS} />
          </select>
        )}
      </Field>
      <Field label="Jour prévu" error={errors.planned_on} required>
        {(p) => (
          <input {...p} type="date" value={values.planned_on} onChange={(e) => set("planned_on", e.target.value)} />
        )}
      </Field>
      <Field label="Objectif" error={errors.objective} required>
        {(p) => (
          <select
            {...p}
            value={values.objective}
            onChange={(e) => set("objective", e.target.value as PostDraft["objective"])}
          >
            <Options labels={POST_OBJECTIVES} />
          </select>
        )}
      </Field>
      <Field label="Cible visée" error={errors.interlocutor}>
        {(p) => (
          <select
            {...p}
            value={values.interlocutor}
            onChange={(e) => set("interlocutor", e.target.value as PostDraft["interlocutor"])}
          >
            <option value="">— Tous publics —</option>
            <Options labels={INTERLOCUTORS} />
          </select>
        )}
      </Field>
      {themes.length > 0 ? (
        <Field label="Thème" error={errors.theme} required hint="Un des thèmes de la charte de l'entreprise.">
          {(p) => (
            <select {...p} value={values.theme} onChange={(e) => set("theme", e.target.value)}>
              <option value="">— Choisir un thème —</option>
              {offTheme && <option value={values.theme}>{values.theme} (hors charte)</option>}
              {themes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label="Thème" error={errors.theme} required>
          {(p) => <input {...p} value={values.theme} onChange={(e) => set("theme", e.target.value)} />}
        </Field>
      )}
      <div className="wide">
        <Field label="Texte" error={errors.text}>
          {(p) => <textarea {...p} rows={7} value={values.text} onChange={(e) => set("text", e.target.value)} />}
        </Field>
      </div>
      <div className="wide">
        <Field
          label="Description du visuel"
          error={errors.media_description}
          hint="Ce que montre la photo ou la vidéo : elle est relue aussi."
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.media_description}
              onChange={(e) => set("media_description", e.target.value)}
            />
          )}
        </Field>
      </div>
    </>
  );
}
