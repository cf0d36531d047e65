// Whose social selling a page shows: a trainee's own; staff (a trainer, an administrator)
// read a trainee they follow, named by `?stagiaire=<id>` (the API's `trainee_id` /
// `owner_id`), and write nothing (the API answers 403 to their writes: a trainee sells).
import { useSearchParams } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";

export interface Scope {
  staff: boolean;
  /** The trainee read by staff (undefined for a trainee, who reads their own). */
  traineeId: number | undefined;
  /** Staff without a trainee named: nothing to read yet. */
  missing: boolean;
  /** `?stagiaire=<id>` for the links of a page read by staff ("" for a trainee). */
  search: string;
}

export function useScope(): Scope {
  const { me } = useAuth();
  const [params] = useSearchParams();
  const staff = isStaff(me);
  const named = Number(params.get("stagiaire")) || undefined;
  const traineeId = staff ? named : undefined;
  return {
    staff,
    traineeId,
    missing: staff && traineeId === undefined,
    search: traineeId ? `?stagiaire=${traineeId}` : "",
  };
}
