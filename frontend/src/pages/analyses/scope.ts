// Who reads the analyses and notes, and whose: a trainee their own (and writes them); staff
// (trainers, administrators) and company tutors read a trainee's, chosen with `?stagiaire=`
// among the trainees they follow (staff: their cohorts' or the organisation's; a tutor: their
// `me.tutees`).
import { useSearchParams } from "react-router-dom";
import { isStaff, isTutor, useAuth } from "../../auth/AuthContext";
import { useTraineeNames } from "../../components/Staff";

export interface ReaderScope {
  /** A trainee: their own records, which they write. */
  writer: boolean;
  staff: boolean;
  tutor: boolean;
  /** The trainee named by `?stagiaire=` (staff, tutors), else undefined. */
  traineeId: number | undefined;
  /** The trainees the reader may choose from, by name. */
  trainees: { id: number; name: string }[];
  setTraineeId: (id: number | undefined) => void;
}

export function useReaderScope(): ReaderScope {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const staff = isStaff(me);
  const tutor = isTutor(me);
  const names = useTraineeNames();
  const trainees = tutor
    ? (me?.tutees ?? []).map((t) => ({ id: t.id, name: t.full_name }))
    : [...names].map(([id, name]) => ({ id, name }));
  trainees.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const traineeId = staff || tutor ? Number(params.get("stagiaire")) || undefined : undefined;
  return {
    writer: !staff && !tutor,
    staff,
    tutor,
    traineeId,
    trainees,
    setTraineeId: (id) => setParams(id ? { stagiaire: String(id) } : {}),
  };
}
