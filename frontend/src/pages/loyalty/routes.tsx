// The routes of this area, mounted under the session's layout by App.tsx: the loyalty (CP8)
// — segments and customers, inactive accounts, relaunch plans, information campaigns,
// offers, surveys and events. Staff read a trainee's pages (`?stagiaire=`) and decide the
// offers waiting for their approval.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const CampaignPage = lazyPage(() => import("./CampaignPage"), "CampaignPage");
const CampaignsPage = lazyPage(() => import("./CampaignsPage"), "CampaignsPage");
const CustomerPage = lazyPage(() => import("./CustomerPage"), "CustomerPage");
const EventPage = lazyPage(() => import("./EventPage"), "EventPage");
const EventsPage = lazyPage(() => import("./EventsPage"), "EventsPage");
const InactivePage = lazyPage(() => import("./InactivePage"), "InactivePage");
const OfferBuilderPage = lazyPage(() => import("./OfferBuilderPage"), "OfferBuilderPage");
const OffersPage = lazyPage(() => import("./OffersPage"), "OffersPage");
const PlanPage = lazyPage(() => import("./PlanPage"), "PlanPage");
const PlansPage = lazyPage(() => import("./PlansPage"), "PlansPage");
const SegmentsPage = lazyPage(() => import("./SegmentsPage"), "SegmentsPage");
const SurveyPage = lazyPage(() => import("./SurveyPage"), "SurveyPage");
const SurveysPage = lazyPage(() => import("./SurveysPage"), "SurveysPage");

export function loyaltyRoutes() {
  return (
    <>
      <Route path="fidelisation" element={<SegmentsPage />} />
      <Route path="fidelisation/clients/:prospectId" element={<CustomerPage />} />
      <Route path="fidelisation/inactifs" element={<InactivePage />} />
      <Route path="fidelisation/relances" element={<PlansPage />} />
      <Route path="fidelisation/relances/:id" element={<PlanPage />} />
      <Route path="fidelisation/campagnes" element={<CampaignsPage />} />
      <Route path="fidelisation/campagnes/:id" element={<CampaignPage />} />
      <Route path="fidelisation/offres" element={<OffersPage />} />
      <Route path="fidelisation/offres/nouvelle" element={<OfferBuilderPage />} />
      <Route path="fidelisation/enquetes" element={<SurveysPage />} />
      <Route path="fidelisation/enquetes/:id" element={<SurveyPage />} />
      <Route path="fidelisation/evenements" element={<EventsPage />} />
      <Route path="fidelisation/evenements/:id" element={<EventPage />} />
    </>
  );
}
