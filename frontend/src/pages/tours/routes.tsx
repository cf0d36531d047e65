// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const PlannerPage = lazyPage(() => import("./PlannerPage"), "PlannerPage");
const TourDetailPage = lazyPage(() => import("./TourDetailPage"), "TourDetailPage");
const ToursPage = lazyPage(() => import("./ToursPage"), "ToursPage");

export function toursRoutes() {
  return (
    <>
      <Route path="tournees" element={<ToursPage />} />
      <Route path="tournees/nouvelle" element={<PlannerPage />} />
      <Route path="tournees/:id" element={<TourDetailPage />} />
    </>
  );
}
