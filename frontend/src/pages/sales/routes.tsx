// The routes of this area, mounted under the session's layout by App.tsx.
// App calls salesRoutes() on every render, unconditionally, so the useAuth() below keeps a
// stable hook order: trainees sell, staff answer the discount approvals.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const ApprovalsPage = lazyPage(() => import("./ApprovalsPage"), "ApprovalsPage");
const OpportunitiesPage = lazyPage(() => import("./OpportunitiesPage"), "OpportunitiesPage");
const OpportunityPage = lazyPage(() => import("./OpportunityPage"), "OpportunityPage");
const QuotePage = lazyPage(() => import("./QuotePage"), "QuotePage");
const PreparationPage = lazyPage(() => import("./PreparationPage"), "PreparationPage");
const QuotesPage = lazyPage(() => import("./QuotesPage"), "QuotesPage");
const ReportPage = lazyPage(() => import("./ReportPage"), "ReportPage");

export function salesRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  const staff = isStaff(me);
  return (
    <>
      <Route path="ventes" element={staff ? <ApprovalsPage /> : <OpportunitiesPage />} />
      <Route path="ventes/devis" element={<QuotesPage />} />
      <Route path="ventes/devis/:id" element={<QuotePage />} />
      <Route path="ventes/opportunites/:id" element={<OpportunityPage />} />
      <Route path="rendez-vous/:id/preparation" element={<PreparationPage />} />
      <Route path="rendez-vous/:id/compte-rendu" element={<ReportPage />} />
    </>
  );
}
