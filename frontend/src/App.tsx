import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { isStaff, isTutor, useAuth } from "./auth/AuthContext";
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
import { analysesRoutes } from "./pages/analyses/routes";
import { presentationsRoutes } from "./pages/presentations/routes";
import { socialRoutes } from "./pages/social/routes";
import { exercisesRoutes } from "./pages/exercises/routes";

// Each page is loaded with its route (components/lazyPage.tsx); the layout shows a busy state meanwhile.
const DashboardPage = lazyPage(() => import("./pages/DashboardPage"), "DashboardPage");
const NotFoundPage = lazyPage(() => import("./pages/NotFoundPage"), "NotFoundPage");
const NotForTutorsPage = lazyPage(() => import("./pages/analyses/NotForTutorsPage"), "NotForTutorsPage");

function RequireSession() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Busy label="Ouverture de la session…" />;
  if (!me) return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  return <Layout />;
}

export function App() {
  const { me } = useAuth();
  const tutor = isTutor(me);
  // Every area's routes are built on each render (their hooks keep their order); a company
  // tutor is given only theirs: any other page says it is not theirs (the API would answer 403).
  const areas = (
    <>
      {prospectsRoutes()}
      {importsRoutes()}
      {privacyRoutes()}
      {toursRoutes()}
      {trainerRoutes()}
      {adminRoutes(me)}
      {watchRoutes()}
      {agendaRoutes()}
      {businessRoutes()}
      {salesRoutes()}
      {followUpRoutes()}
      {loyaltyRoutes()}
      {plansRoutes()}
      {presentationsRoutes()}
      {socialRoutes()}
      {exercisesRoutes()}
    </>
  );
  return (
    <Routes>
      <Route path="/connexion" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        {/* Staff land on the cohort overview (trainerRoutes), tutors on the notes to read
            (analysesRoutes), trainees on their dashboard. */}
        {!isStaff(me) && !tutor && <Route index element={<DashboardPage />} />}
        {accountRoutes()}
        {analysesRoutes()}
        {!tutor && areas}
        <Route path="*" element={tutor ? <NotForTutorsPage /> : <NotFoundPage />} />
      </Route>
    </Routes>
  );
}
