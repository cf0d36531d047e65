// The cohort dashboard (trainers, as managers): a cohort and a period (the current month by
// default), each trainee's main figures and their plan's attainment (who is behind is marked),
// each figure's distribution, who needs help and why, the notes waiting, the latest analyses.
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { dashboardQueries } from "../../api/queries/analyses";
import { userQueries } from "../../api/queries/users";
import { useAuth } from "../../auth/AuthContext";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Field, PageFrame } from "../../components/ui";
import { isoToday } from "../../labels/prospects";
import { BehindCard, DistributionsCard, QueueCard, TraineesTable } from "./DashboardParts";
import { dashboardOf } from "./figures";
import { period } from "./format";
import "./analyses.css";
import "./notes.css";

/** The first and last days of the month of `today` ("2026-12-07" → 2026-12-01, 2026-12-31). */
export function monthOf(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}

export function CohortDashboardPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const cohorts = useQuery({ ...userQueries.cohorts() });
  const fallback = me?.led_cohorts[0]?.id ?? cohorts.data?.items[0]?.id;
  const cohortId = Number(params.get("cohorte") ?? fallback ?? 0);
  const month = monthOf(isoToday());
  const from = params.get("du") ?? month.from;
  const to = params.get("au") ?? month.to;
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const dashboard = useQuery({ ...dashboardQueries.cohort(cohortId, from, to), enabled: cohortId > 0 });
  const data = dashboard.data ? dashboardOf(dashboard.data) : null;
  return (
    <PageFrame title="Tableau de bord de la promotion" operations={["list_cohorts", "cohort_dashboard"]}>
      <form className="filters" aria-label="Promotion et période" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Promotion"
          all="Choisir…"
          value={cohortId ? String(cohortId) : ""}
          items={cohorts.data?.items ?? []}
          onChange={(v) => change("cohorte", v)}
        />
        <Field label="Du">
          {(p) => <input {...p} type="date" value={from} onChange={(e) => change("du", e.target.value)} />}
        </Field>
        <Field label="Au">
          {(p) => <input {...p} type="date" value={to} onChange={(e) => change("au", e.target.value)} />}
        </Field>
      </form>
      <ErrorBanner error={cohorts.error} />
      {cohortId > 0 ? (
        <QueryState query={dashboard} busyLabel="Calcul du tableau de bord…">
          {() =>
            data && (
              <>
                <p>
                  Période {period(data.start, data.end)} : {data.trainees.length} stagiaire(s), {data.behind.length} à
                  aider, {data.queue.length} note(s) à lire. <Link to="/analyses">Toutes les analyses</Link>
                </p>
                {data.trainees.length === 0 ? (
                  <EmptyState title="Aucun stagiaire dans cette promotion." />
                ) : (
                  <>
                    <TraineesTable data={data} />
                    <BehindCard data={data} />
                    <DistributionsCard data={data} />
                  </>
                )}
                <QueueCard data={data} />
              </>
            )
          }
        </QueryState>
      ) : (
        <EmptyState title="Choisissez une promotion." />
      )}
    </PageFrame>
  );
}
