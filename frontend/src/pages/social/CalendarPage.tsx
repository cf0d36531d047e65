// The content calendar (CP5.5, CP3.8): the month's posts in a grid of weeks × days, the
// months before and after, and a new post planned as a draft (the trainee only).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { socialQueries } from "../../api/queries/social";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton } from "../../components/ui";
import { isoToday } from "../../labels/prospects";
import { isMonth, monthTitle, monthWeeks, shiftMonth } from "./calendar";
import { MonthGrid } from "./MonthGrid";
import { NewPostForm } from "./NewPostForm";
import { useScope } from "./scope";
import { SocialPage } from "./SocialPage";

export function CalendarPage() {
  const scope = useScope();
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const today = isoToday();
  const asked = params.get("mois");
  const month = isMonth(asked) ? asked : today.slice(0, 7);
  const weeks = monthWeeks(month);
  const posts = useQuery({
    ...socialQueries.posts({
      from: weeks[0][0],
      to: weeks[weeks.length - 1][6],
      limit: 200,
      ...(scope.traineeId ? { owner_id: scope.traineeId } : {}),
    }),
    enabled: !scope.missing,
  });
  const show = (shown: string) => {
    const next = new URLSearchParams(params);
    next.set("mois", shown);
    setParams(next);
  };
  return (
    <SocialPage
      title="Calendrier éditorial"
      operations={["create_post"]}
      actions={
        !scope.staff && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle publication
          </DisclosureButton>
        )
      }
    >
      {() => (
        <>
          <p className="lead">
            Prévoyez vos publications selon la charte de l'entreprise : chacune est contrôlée (cohérence avec la charte,
            confidentialité des personnes de votre fichier) avant d'être validée, puis publiée à la main sur le réseau.
          </p>
          {adding && !scope.staff && (
            <NewPostForm day={today.startsWith(month) ? today : `${month}-01`} onDone={() => setAdding(false)} />
          )}
          <div className="month-bar">
            <button type="button" onClick={() => show(shiftMonth(month, -1))}>
              ← Mois précédent<span className="sr-only"> ({monthTitle(shiftMonth(month, -1))})</span>
            </button>
            <button type="button" onClick={() => show(shiftMonth(month, 1))}>
              Mois suivant<span className="sr-only"> ({monthTitle(shiftMonth(month, 1))})</span> →
            </button>
            {month !== today.slice(0, 7) && (
              <button type="button" onClick={() => show(today.slice(0, 7))}>
                Ce mois-ci
              </button>
            )}
          </div>
          <QueryState query={posts} isEmpty={() => false}>
            {(page) => (
              <>
                <MonthGrid month={month} posts={page.items} today={today} search={scope.search} />
                {page.items.length === 0 && (
                  <p className="muted">
                    Aucune publication prévue ce mois-ci
                    {scope.staff ? "." : " : « Nouvelle publication » en prévoit une."}
                  </p>
                )}
              </>
            )}
          </QueryState>
        </>
      )}
    </SocialPage>
  );
}
