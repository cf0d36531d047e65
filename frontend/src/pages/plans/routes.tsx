// The routes of this area, mounted under the session's layout by App.tsx.
// App calls plansRoutes() on every render, unconditionally, so the useAuth() below keeps a
// stable hook order: trainees write their plans, staff validate them.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const CohortProgressPage = lazyPage(() => import("./CohortProgressPage"), "CohortProgressPage");
const PlanActionRedirect = lazyPage(() => import("./PlanActionRedirect"), "PlanActionRedirect");
const PlanPage = lazyPage(() => import("./PlanPage"), "PlanPage");
const PlansPage = lazyPage(() => import("./PlansPage"), "PlansPage");
const PlansToValidatePage = lazyPage(() => import("./PlansToValidatePage"), "PlansToValidatePage");

export function plansRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  const staff = isStaff(me);
  return (
    <>
      <Route path="plans" element={staff ? <PlansToValidatePage /> : <PlansPage />} />
      {staff && <Route path="plans/promotion" element={<CohortProgressPage />} />}
      <Route path="plans/actions/:id" element={<PlanActionRedirect />} />
      <Route path="plans/:id" element={<PlanPage />} />
    </>
  );
}
