// A published post's figures: a measurement per day (entered by hand: one per day, a second
// one the same day replaces it) and the list of its measurements.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { kpiChanged, socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { isoToday } from "../../labels/prospects";
import { dayShort } from "./calendar";

type Post = S["SocialPostOut"];
type Count = Exclude<keyof S["SocialKpiIn"], "measured_on">;

/** The counts of a measurement, in the form's order. */
export const COUNTS: [Count, string][] = [
  ["impressions", "Impressions"],
  ["reactions", "Réactions"],
  ["comments", "Commentaires"],
  ["shares", "Partages"],
  ["clicks", "Clics"],
  ["followers_gained", "Abonnés gagnés"],
  ["qualified_contacts", "Contacts qualifiés"],
  ["appointments", "Rendez-vous"],
];

type Draft = { measured_on: string } & Record<Count, string>;

export function KpiSection({ post, mine }: { post: Post; mine: boolean }) {
  const kpis = useQuery(socialQueries.kpis(post.id));
  return (
    <section className="card" aria-labelledby="kpis-title">
      <h2 id="kpis-title">Chiffres de la publication</h2>
      {mine && <KpiForm post={post} />}
      <QueryState
        query={kpis}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState title="Aucun relevé pour l'instant.">
            {mine && "Relevez les chiffres affichés par le réseau : impressions, réactions, commentaires, partages…"}
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable
            caption="Relevés de la publication, du plus récent au plus ancien"
            headers={[
              "Jour du relevé",
              ...COUNTS.slice(0, 4).map(([, label]) => ({ label, className: "num" })),
              { label: "Engagements", className: "num" },
              ...COUNTS.slice(4).map(([, label]) => ({ label, className: "num" })),
            ]}
          >
            {[...list]
              .sort((a, b) => b.measured_on.localeCompare(a.measured_on))
              .map((k) => (
                <tr key={k.id}>
                  <th scope="row">{dayShort(k.measured_on)}</th>
                  {COUNTS.slice(0, 4).map(([code]) => (
                    <td key={code} className="num">
                      {k[code]}
                    </td>
                  ))}
                  <td className="num">{k.engagements}</td>
                  {COUNTS.slice(4).map(([code]) => (
                    <td key={code} className="num">
                      {k[code]}
                    </td>
                  ))}
                </tr>
              ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

function KpiForm({ post }: { post: Post }) {
  const queryClient = useQueryClient();
  const today = isoToday();
  const blank = Object.fromEntries(COUNTS.map(([code]) => [code, ""])) as Record<Count, string>;
  const { values, set, setValues, submitWith } = useForm<Draft>({ measured_on: today, ...blank });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.POST("/api/v1/social/posts/{post_id}/kpis", {
          params: { path: { post_id: post.id } },
          body: {
            measured_on: d.measured_on,
            ...Object.fromEntries(COUNTS.map(([code]) => [code, Number(d[code] || 0)])),
          },
        }),
      ),
    onSuccess: async () => {
      await kpiChanged(queryClient, post.id);
      setValues({ measured_on: today, ...blank });
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      aria-label="Relever les chiffres"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <h3 className="wide">Relever les chiffres</h3>
      <p className="hint wide">Un relevé par jour : un second le même jour remplace le premier.</p>
      <Field label="Jour du relevé" error={errors.measured_on} required>
        {(p) => (
          <input
            {...p}
            type="date"
            min={post.published_on ?? undefined}
            max={today}
            value={values.measured_on}
            onChange={(e) => set("measured_on", e.target.value)}
          />
        )}
      </Field>
      {COUNTS.map(([code, label]) => (
        <Field key={code} label={label} error={errors[code]}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              inputMode="numeric"
              value={values[code]}
              onChange={(e) => set(code, e.target.value)}
            />
          )}
        </Field>
      ))}
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale="Ce relevé a été modifié entre-temps : rechargez la page."
        submitLabel="Enregistrer le relevé"
      />
    </form>
  );
}
