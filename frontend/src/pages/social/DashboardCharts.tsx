// The dashboard's charts (recharts): the impressions and engagements of each post published
// in the period, the audience's growth per network, the actions by kind and by outcome. Each
// has its numbers written out beside it (the KPI cards, the tables) for those who cannot see
// the bars; each says so in French when there is nothing to draw yet.
import type { ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/ui";
import { ACTION_KINDS, ACTION_OUTCOMES, NETWORKS } from "../../labels/social";
import { dayShort } from "./calendar";

const BLUE = "#2457a6";
const GREEN = "#1f7a4d";
const ORANGE = "#b35c00";
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
const legendText = (value: string) => <span style={{ color: "var(--ink)" }}>{value}</span>;

function Chart(props: { title: string; id: string; children: ReactElement; height?: number }) {
  return (
    <figure className="chart card" aria-labelledby={props.id}>
      <figcaption id={props.id}>
        <strong>{props.title}</strong>
      </figcaption>
      <ResponsiveContainer width="100%" height={props.height ?? 240}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

export function PostsChart({ posts }: { posts: readonly S["SocialPostOut"][] }) {
  if (posts.length === 0) {
    return (
      <EmptyState title="Aucune publication publiée sur la période.">
        Validez puis publiez une publication du calendrier éditorial, et relevez ses chiffres : ses impressions et ses
        engagements s'afficheront ici.
      </EmptyState>
    );
  }
  const data = posts.map((p) => ({
    name: `${NETWORKS[p.network]} ${dayShort(p.published_on)}`,
    Impressions: p.figures?.impressions ?? 0,
    Engagements: p.figures?.engagements ?? 0,
  }));
  return (
    <Chart title="Impressions et engagements des publications publiées" id="chart-posts">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend formatter={legendText} />
        <Bar dataKey="Impressions" fill={BLUE} isAnimationActive={false} />
        <Bar dataKey="Engagements" fill={GREEN} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

export function AudienceChart({ audience }: { audience: readonly S["SocialAudience"][] }) {
  if (audience.length === 0) {
    return (
      <EmptyState title="Aucun relevé d'audience sur la période.">
        Relevez vos abonnés et vos relations sur chaque réseau : leur progression s'affichera ici.
      </EmptyState>
    );
  }
  const data = audience.map((a) => ({
    name: NETWORKS[a.network],
    "Abonnés gagnés": a.followers_growth,
    "Relations gagnées": a.connections_growth,
  }));
  return (
    <>
      <Chart title="Croissance de l'audience par réseau" id="chart-audience">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend formatter={legendText} />
          <Bar dataKey="Abonnés gagnés" fill={BLUE} isAnimationActive={false} />
          <Bar dataKey="Relations gagnées" fill={ORANGE} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <DataTable
        caption="Audience par réseau : du relevé de départ au dernier relevé de la période"
        headers={[
          "Réseau",
          "Relevés",
          { label: "Abonnés", className: "num" },
          { label: "Relations", className: "num" },
        ]}
      >
        {audience.map((a) => (
          <tr key={a.network}>
            <th scope="row">{NETWORKS[a.network]}</th>
            <td>
              du {dayShort(a.measured_from)} au {dayShort(a.measured_to)}
            </td>
            <td className="num">
              {a.followers_start} → {a.followers_end} ({signed(a.followers_growth)})
            </td>
            <td className="num">
              {a.connections_start} → {a.connections_end} ({signed(a.connections_growth)})
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function ActionsCharts({ actions }: { actions: S["SocialActionFigures"] }) {
  if (actions.total === 0) {
    return (
      <EmptyState title="Aucune action de social selling sur la période.">
        Les invitations, messages, commentaires et partages auprès de vos prospects s'enregistrent depuis leur fiche.
      </EmptyState>
    );
  }
  const byKind = Object.entries(ACTION_KINDS).map(([code, label]) => ({
    name: label,
    Actions: actions.by_kind[code as S["SocialActionKind"]] ?? 0,
  }));
  const byOutcome = Object.entries(ACTION_OUTCOMES).map(([code, label]) => ({
    name: label,
    Actions: actions.by_outcome[code as S["SocialActionOutcome"]] ?? 0,
  }));
  return (
    <div className="social-grid">
      <Chart title="Actions par type" id="chart-kinds" height={280}>
        <BarChart data={byKind} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={150} />
          <Tooltip />
          <Bar dataKey="Actions" fill={BLUE} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart title="Actions par résultat" id="chart-outcomes" height={280}>
        <BarChart data={byOutcome} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={150} />
          <Tooltip />
          <Bar dataKey="Actions" fill={GREEN} isAnimationActive={false} />
        </BarChart>
      </Chart>
    </div>
  );
}
