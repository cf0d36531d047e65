// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { PlannerPage } from "./PlannerPage";
import { TourDetailPage } from "./TourDetailPage";
import { ToursPage } from "./ToursPage";

export function toursRoutes() {
  return (
    <>
      <Route path="tournees" element={<ToursPage />} />
      <Route path="tournees/nouvelle" element={<PlannerPage />} />
      <Route path="tournees/:id" element={<TourDetailPage />} />
    </>
  );
}
