// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const ImportsPage = lazyPage(() => import("./ImportsPage"), "ImportsPage");

export function importsRoutes() {
  return (
    <>
      <Route path="imports" element={<ImportsPage />} />
    </>
  );
}
