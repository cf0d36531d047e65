// The routes of this area, mounted under the session's layout by App.tsx.
// App calls trainerRoutes() on every render, unconditionally, so the useAuth() below keeps
// a stable hook order: it decides which routes the current role gets.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const CohortOverviewPage = lazyPage(() => import("./CohortOverviewPage"), "CohortOverviewPage");
const MyPortfolioPage = lazyPage(() => import("./MyPortfolioPage"), "MyPortfolioPage");
const TraineePortfolioPage = lazyPage(() => import("./TraineePortfolioPage"), "TraineePortfolioPage");

export function trainerRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  if (isStaff(me)) {
    return (
      <>
        <Route index element={<CohortOverviewPage />} />
        <Route path="formation/stagiaires/:traineeId" element={<TraineePortfolioPage />} />
      </>
    );
  }
  return (
    <>
      <Route path="portfolio" element={<MyPortfolioPage />} />
    </>
  );
}
