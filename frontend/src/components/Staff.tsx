// What staff (trainers, administrators) see where a trainee works: they read the trainees'
// records, they keep none of their own — the API refuses their prospect creation (403) and
// they have no tour base. So the trainee's planner and tour list are not theirs, and lists of
// trainee records name each record's trainee.
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { userQueries } from "../api/queries/users";
import { isStaff, useAuth } from "../auth/AuthContext";
import { Notice, PageFrame } from "./ui";

/** A trainee's own page (planner, their tours, a new prospect): staff get a notice that
 * sends them to the trainees' records instead. */
export function TraineeOnly({ title, children }: { title: string; children: ReactNode }) {
  const { me } = useAuth();
  if (!isStaff(me)) return <>{children}</>;
  return (
    <PageFrame title={title} operations={[]}>
      <Notice>
        Cette page est celle d'un stagiaire : les formateurs et l'administration ne tiennent ni fichier de prospects ni
        tournées. Les fiches, tournées et articles de chaque stagiaire se consultent en lecture seule depuis sa page.
      </Notice>
      <p>
        <Link to="/">Aller au suivi de la promotion</Link>
      </p>
    </PageFrame>
  );
}

/** For staff: trainee id → full name (the trainees they may read: their cohorts', or the
 * organisation's for an administrator). Empty for a trainee, who reads only their own. */
export function useTraineeNames(): Map<number, string> {
  const { me } = useAuth();
  const staff = isStaff(me);
  const users = useQuery({
    ...userQueries.traineeNames(),
    enabled: staff,
    staleTime: 300_000,
  });
  return new Map((users.data?.items ?? []).map((u) => [u.id, u.full_name]));
}
