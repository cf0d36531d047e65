// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { CampaignDetailPage } from "./CampaignDetailPage";
import { CampaignsPage } from "./CampaignsPage";
import { PersonasPage } from "./PersonasPage";
import { ProspectDetailPage } from "./ProspectDetailPage";
import { ProspectCreatePage, ProspectEditPage } from "./ProspectFormPage";
import { ProspectsListPage } from "./ProspectsListPage";
import { ScriptsPage } from "./ScriptsPage";

export function prospectsRoutes() {
  return (
    <>
      <Route path="prospects" element={<ProspectsListPage />} />
      <Route path="prospects/nouveau" element={<ProspectCreatePage />} />
      <Route path="prospects/personas" element={<PersonasPage />} />
      <Route path="prospects/scripts" element={<ScriptsPage />} />
      <Route path="prospects/campagnes" element={<CampaignsPage />} />
      <Route path="prospects/campagnes/:id" element={<CampaignDetailPage />} />
      <Route path="prospects/:id" element={<ProspectDetailPage />} />
      <Route path="prospects/:id/modifier" element={<ProspectEditPage />} />
    </>
  );
}
