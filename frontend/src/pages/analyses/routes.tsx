// The routes of this area, mounted under the session's layout by App.tsx.
// App calls analysesRoutes() on every render, unconditionally, so the useAuth() below keeps a
// stable hook order: trainees analyse and write, staff and company tutors read (the queue of
// notes, the reading page); staff also get the cohort dashboard, tutors their trainees' list,
// their portfolios and the queue as their home page.
import { Route } from "react-router-dom";
import { isStaff, isTutor, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const AnalysesPage = lazyPage(() => import("./AnalysesPage"), "AnalysesPage");
const AnalysisPage = lazyPage(() => import("./AnalysisPage"), "AnalysisPage");
const CohortDashboardPage = lazyPage(() => import("./CohortDashboardPage"), "CohortDashboardPage");
const NotePage = lazyPage(() => import("./NotePage"), "NotePage");
const NotesQueuePage = lazyPage(() => import("./NotesQueuePage"), "NotesQueuePage");
const TuteesPage = lazyPage(() => import("./TuteesPage"), "TuteesPage");
const TraineePortfolioPage = lazyPage(() => import("../trainer/TraineePortfolioPage"), "TraineePortfolioPage");

export function analysesRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  const staff = isStaff(me);
  const tutor = isTutor(me);
  return (
    <>
      <Route path="analyses" element={<AnalysesPage />} />
      <Route path="analyses/:id" element={<AnalysisPage />} />
      {(staff || tutor) && <Route path="notes/a-lire" element={<NotesQueuePage />} />}
      <Route path="notes/:id" element={<NotePage />} />
      {staff && <Route path="formateur/tableau-de-bord" element={<CohortDashboardPage />} />}
      {tutor && (
        <>
          <Route index element={<NotesQueuePage />} />
          <Route path="alternants" element={<TuteesPage />} />
          <Route path="formation/stagiaires/:traineeId" element={<TraineePortfolioPage />} />
        </>
      )}
    </>
  );
}
