// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const AccessLogPage = lazyPage(() => import("./AdminPages"), "AccessLogPage");
const RetentionPage = lazyPage(() => import("./AdminPages"), "RetentionPage");
const ConsentsPage = lazyPage(() => import("./ConsentsPage"), "ConsentsPage");
const RegisterPage = lazyPage(() => import("./RegisterPage"), "RegisterPage");
const RequestsPage = lazyPage(() => import("./RequestsPage"), "RequestsPage");
const BloctelPage = lazyPage(() => import("./BloctelPage"), "BloctelPage");

/** /rgpd: a trainee starts from consent histories, staff from the requests to follow. */
function RgpdHome() {
  const { me } = useAuth();
  return isStaff(me) ? <RequestsPage /> : <ConsentsPage />;
}

export function privacyRoutes() {
  return (
    <>
      <Route path="rgpd" element={<RgpdHome />} />
      <Route path="rgpd/demandes" element={<RequestsPage />} />
      <Route path="rgpd/registre" element={<RegisterPage />} />
      <Route path="rgpd/bloctel" element={<BloctelPage />} />
      <Route path="rgpd/journal" element={<AccessLogPage />} />
      <Route path="rgpd/conservation" element={<RetentionPage />} />
    </>
  );
}
