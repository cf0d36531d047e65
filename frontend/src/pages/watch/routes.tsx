// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const WatchItemsPage = lazyPage(() => import("./WatchItemsPage"), "WatchItemsPage");
const WatchSourcesPage = lazyPage(() => import("./WatchSourcesPage"), "WatchSourcesPage");
const DigestPage = lazyPage(() => import("./DigestPage"), "DigestPage");
const SharedPage = lazyPage(() => import("./SharedPage"), "SharedPage");
const CompetitorsPage = lazyPage(() => import("./CompetitorsPage"), "CompetitorsPage");

export function watchRoutes() {
  return (
    <>
      <Route path="veille" element={<WatchItemsPage />} />
      <Route path="veille/sources" element={<WatchSourcesPage />} />
      <Route path="veille/synthese" element={<DigestPage />} />
      <Route path="veille/partage" element={<SharedPage />} />
      <Route path="concurrents" element={<CompetitorsPage />} />
    </>
  );
}
