// The routes of this area, mounted under the session's layout by App.tsx. Only an admin gets
// them (the API refuses the writes to anyone else anyway); others land on the not-found page.
import type { MeOut as Me } from "../../api/types";
import { Navigate, Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const CohortsPage = lazyPage(() => import("./CohortsPage"), "CohortsPage");
const UsersPage = lazyPage(() => import("./UsersPage"), "UsersPage");

export function adminRoutes(me: Me | null) {
  if (me?.role !== "admin") return null;
  return (
    <>
      <Route path="admin" element={<Navigate to="/admin/utilisateurs" replace />} />
      <Route path="admin/utilisateurs" element={<UsersPage />} />
      <Route path="admin/cohortes" element={<CohortsPage />} />
    </>
  );
}
