// The routes of the presentation library, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const PresentationsPage = lazyPage(() => import("./PresentationsPage"), "PresentationsPage");
const PresentationPage = lazyPage(() => import("./PresentationPage"), "PresentationPage");

export function presentationsRoutes() {
  return (
    <>
      <Route path="presentations" element={<PresentationsPage />} />
      <Route path="presentations/:id" element={<PresentationPage />} />
    </>
  );
}
