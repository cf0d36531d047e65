// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
import { TraineeOnly } from "../../components/Staff";
const PlannerPage = lazyPage(() => import("./PlannerPage"), "PlannerPage");
const TourDetailPage = lazyPage(() => import("./TourDetailPage"), "TourDetailPage");
const ToursPage = lazyPage(() => import("./ToursPage"), "ToursPage");

export function toursRoutes() {
  return (
    <>
      {/* Staff have no tours of their own (nor a base): they open a trainee's from the trainee's page. */}
      <Route
        path="tournees"
        element={
          <TraineeOnly title="Tournées">
            <ToursPage />
          </TraineeOnly>
        }
      />
      <Route
        path="tournees/nouvelle"
        element={
          <TraineeOnly title="Planifier une tournée">
            <PlannerPage />
          </TraineeOnly>
        }
      />
      <Route path="tournees/:id" element={<TourDetailPage />} />
    </>
  );
}
