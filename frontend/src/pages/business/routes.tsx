// The routes of this area, mounted under the session's layout by App.tsx.
// App calls businessRoutes() on every render, unconditionally, so the useAuth() below keeps
// a stable hook order: trainees read their case, staff write the organisation's.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const BusinessCaseDetailPage = lazyPage(() => import("./BusinessCaseDetailPage"), "BusinessCaseDetailPage");
const BusinessCasesPage = lazyPage(() => import("./BusinessCasesPage"), "BusinessCasesPage");
const MyBusinessCasePage = lazyPage(() => import("./MyBusinessCasePage"), "MyBusinessCasePage");

export function businessRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  if (isStaff(me)) {
    return (
      <>
        <Route path="entreprise" element={<BusinessCasesPage />} />
        <Route path="entreprise/:id" element={<BusinessCaseDetailPage />} />
      </>
    );
  }
  return <Route path="entreprise" element={<MyBusinessCasePage />} />;
}
