// The social-selling dashboard (CP5, CP3) over a period (« Du », « Au »; the current month to
// date by default): the registry's figures as cards, the posts published with their
// impressions and engagements, the audience's growth per network (and its measurement), the
// actions by kind and by outcome.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import { socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { percent } from "../../labels/sales";
import { NETWORKS } from "../../labels/social";
import { AudienceForm } from "./AudienceForm";
import { dayShort } from "./calendar";
import { ActionsCharts, AudienceChart, PostsChart } from "./DashboardCharts";
import { useScope } from "./scope";
import { SocialPage } from "./SocialPage";

type Dashboard = S["SocialDashboardOut"];

export function SocialDashboardPage() {
  const scope = useScope();
  const [period, setPeriod] = useState({ from: "", to: "" });
  const query = { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };
  const dashboard = useQuery({
    ...socialQueries.dashboard({ ...query, ...(scope.traineeId ? { trainee_id: scope.traineeId } : {}) }),
    enabled: !scope.missing,
  });
  const published = useQuery({
    ...socialQueries.posts({
      status: "published",
      limit: 200,
      ...(scope.traineeId ? { owner_id: scope.traineeId } : {}),
    }),
    enabled: !scope.missing,
  });
  return (
    <SocialPage title="Réseaux sociaux" operations={["save_stat"]}>
      {(s) => (
        <>
          <div className="filters" role="group" aria-label="Période">
            <label>
              Du{" "}
              <input
                type="date"
                value={period.from || dashboard.data?.start || ""}
                onChange={(e) => setPeriod({ ...period, from: e.target.value })}
              />
            </label>
            <label>
              Au{" "}
              <input
                type="date"
                value={period.to || dashboard.data?.end || ""}
                onChange={(e) => setPeriod({ ...period, to: e.target.value })}
              />
            </label>
          </div>
          <QueryState query={dashboard} isEmpty={() => false}>
            {(d) => {
              const posts = (published.data?.items ?? []).filter(
                (p) => p.published_on !== null && p.published_on >= d.start && p.published_on <= d.end,
              );
              return (
                <>
                  <p className="lead">
                    Du {dayShort(d.start)} au {dayShort(d.end)} : {d.posts.planned} publication
                    {d.posts.planned > 1 ? "s" : ""} prévue{d.posts.planned > 1 ? "s" : ""} au{" "}
                    <Link to={`/reseaux/calendrier${s.search}`}>calendrier éditorial</Link>.
                  </p>
                  <Figures dashboard={d} />
                  <section aria-labelledby="posts-title">
                    <h2 id="posts-title">Publications publiées</h2>
                    <PostsChart posts={posts} />
                    {posts.length > 0 && <PostsTable posts={posts} search={s.search} />}
                  </section>
                  <section aria-labelledby="audience-title">
                    <h2 id="audience-title">Audience</h2>
                    <AudienceChart audience={d.audience} />
                    {!s.staff && <AudienceForm />}
                  </section>
                  <section aria-labelledby="actions-title">
                    <h2 id="actions-title">Actions de social selling</h2>
                    <ActionsCharts actions={d.actions} />
                  </section>
                </>
              );
            }}
          </QueryState>
        </>
      )}
    </SocialPage>
  );
}

/** The registry's figures, as cards (their labels and units from the metric registry). */
function Figures({ dashboard }: { dashboard: Dashboard }) {
  const registry = useQuery(planQueries.metrics());
  const defs = new Map((registry.data ?? []).map((m) => [m.code, m]));
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">Indicateurs de la période</h2>
      <dl className="social-figures">
        {Object.entries(dashboard.metrics).map(([code, value]) => {
          const def = defs.get(code);
          const ratio = def?.unit === "%" || code.endsWith("_rate");
          return (
            <div key={code} title={def?.description}>
              <dt>{def?.label ?? code}</dt>
              <dd>{value === null ? "—" : ratio ? percent(String(value)) : String(value)}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

function PostsTable({ posts, search }: { posts: readonly S["SocialPostOut"][]; search: string }) {
  return (
    <DataTable
      caption="Chiffres des publications publiées sur la période, à leur dernier relevé"
      headers={[
        "Publication",
        "Publiée le",
        { label: "Impressions", className: "num" },
        { label: "Engagements", className: "num" },
        "Dernier relevé",
      ]}
    >
      {posts.map((p) => (
        <tr key={p.id}>
          <th scope="row">
            <Link to={`/reseaux/publications/${p.id}${search}`}>
              {NETWORKS[p.network]} — {p.theme}
            </Link>
          </th>
          <td>{dayShort(p.published_on)}</td>
          <td className="num">{p.figures?.impressions ?? "—"}</td>
          <td className="num">{p.figures?.engagements ?? "—"}</td>
          <td>{p.figures ? dayShort(p.figures.measured_on) : "Aucun"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
