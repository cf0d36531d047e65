// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
import { TraineeOnly } from "../../components/Staff";
const PersonasPage = lazyPage(() => import("./PersonasPage"), "PersonasPage");
const ProspectDetailPage = lazyPage(() => import("./ProspectDetailPage"), "ProspectDetailPage");
const ProspectCreatePage = lazyPage(() => import("./ProspectFormPage"), "ProspectCreatePage");
const ProspectEditPage = lazyPage(() => import("./ProspectFormPage"), "ProspectEditPage");
const ProspectsListPage = lazyPage(() => import("./ProspectsListPage"), "ProspectsListPage");
const ScriptsPage = lazyPage(() => import("./ScriptsPage"), "ScriptsPage");
const CampaignDetailPage = lazyPage(() => import("./CampaignDetailPage"), "CampaignDetailPage");
const CampaignsPage = lazyPage(() => import("./CampaignsPage"), "CampaignsPage");

export function prospectsRoutes() {
  return (
    <>
      <Route path="prospects" element={<ProspectsListPage />} />
      <Route
        path="prospects/nouveau"
        element={
          <TraineeOnly title="Nouveau prospect">
            <ProspectCreatePage />
          </TraineeOnly>
        }
      />
      <Route path="prospects/personas" element={<PersonasPage />} />
      <Route path="prospects/scripts" element={<ScriptsPage />} />
      <Route path="prospects/campagnes" element={<CampaignsPage />} />
      <Route path="prospects/campagnes/:id" element={<CampaignDetailPage />} />
      <Route path="prospects/:id" element={<ProspectDetailPage />} />
      <Route path="prospects/:id/modifier" element={<ProspectEditPage />} />
    </>
  );
}
