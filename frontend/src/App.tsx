import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { isStaff, useAuth } from "./auth/AuthContext";
import { Layout } from "./components/Layout";
import { Busy } from "./components/ui";
import { LoginPage } from "./pages/LoginPage";
import { lazyPage } from "./components/lazyPage";
import { importsRoutes } from "./pages/imports/routes";
import { privacyRoutes } from "./pages/privacy/routes";
import { prospectsRoutes } from "./pages/prospects/routes";
import { toursRoutes } from "./pages/tours/routes";
import { trainerRoutes } from "./pages/trainer/routes";
import { accountRoutes } from "./pages/account/routes";
import { adminRoutes } from "./pages/admin/routes";
import { watchRoutes } from "./pages/watch/routes";
import { agendaRoutes } from "./pages/agenda/routes";
import { businessRoutes } from "./pages/business/routes";
import { plansRoutes } from "./pages/plans/routes";
import { salesRoutes } from "./pages/sales/routes";
import { followUpRoutes } from "./pages/followup/routes";
import { loyaltyRoutes } from "./pages/loyalty/routes";

// Each page is loaded with its route (components/lazyPage.tsx); the layout shows a busy state meanwhile.
const DashboardPage = lazyPage(() => import("./pages/DashboardPage"), "DashboardPage");
const NotFoundPage = lazyPage(() => import("./pages/NotFoundPage"), "NotFoundPage");

function RequireSession() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Busy label="Ouverture de la session…" />;
  if (!me) return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  return <Layout />;
}

export function App() {
  const { me } = useAuth();
  return (
    <Routes>
      <Route path="/connexion" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        {/* Staff land on the cohort overview (trainerRoutes), trainees on their dashboard. */}
        {!isStaff(me) && <Route index element={<DashboardPage />} />}
        {prospectsRoutes()}
        {importsRoutes()}
        {privacyRoutes()}
        {toursRoutes()}
        {trainerRoutes()}
        {accountRoutes()}
        {adminRoutes(me)}
        {watchRoutes()}
        {agendaRoutes()}
        {businessRoutes()}
        {salesRoutes()}
        {followUpRoutes()}
        {loyaltyRoutes()}
        {plansRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
