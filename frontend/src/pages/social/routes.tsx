// The routes of the social selling (CP5.4–CP5.6, CP3.8), mounted under the session's layout by
// App.tsx: the dashboard, the profiles, the content calendar and its posts, the privacy
// checklists. Staff read a trainee's pages (`?stagiaire=`).
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const SocialDashboardPage = lazyPage(() => import("./DashboardPage"), "SocialDashboardPage");
const ProfilesPage = lazyPage(() => import("./ProfilesPage"), "ProfilesPage");
const ProfilePage = lazyPage(() => import("./ProfilePage"), "ProfilePage");
const CalendarPage = lazyPage(() => import("./CalendarPage"), "CalendarPage");
const PostPage = lazyPage(() => import("./PostPage"), "PostPage");
const PrivacyPage = lazyPage(() => import("./PrivacyPage"), "PrivacyPage");

export function socialRoutes() {
  return (
    <>
      <Route path="reseaux" element={<SocialDashboardPage />} />
      <Route path="reseaux/profils" element={<ProfilesPage />} />
      <Route path="reseaux/profils/:network" element={<ProfilePage />} />
      <Route path="reseaux/calendrier" element={<CalendarPage />} />
      <Route path="reseaux/publications/:id" element={<PostPage />} />
      <Route path="reseaux/confidentialite" element={<PrivacyPage />} />
    </>
  );
}
