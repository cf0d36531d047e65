// The routes of this area, mounted under the session's layout by App.tsx: the sales
// follow-up (orders, deliveries, invoices, complaints, cases, the account view) and, for
// staff, the escalations to answer as the department.
// App calls followUpRoutes() on every render, unconditionally, so the useAuth() below keeps a
// stable hook order.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const AccountPage = lazyPage(() => import("./AccountPage"), "AccountPage");
const CasePage = lazyPage(() => import("./CasePage"), "CasePage");
const CasesPage = lazyPage(() => import("./CasesPage"), "CasesPage");
const ComplaintPage = lazyPage(() => import("./ComplaintPage"), "ComplaintPage");
const ComplaintsPage = lazyPage(() => import("./ComplaintsPage"), "ComplaintsPage");
const DeliveryPage = lazyPage(() => import("./DeliveryPage"), "DeliveryPage");
const EscalationsPage = lazyPage(() => import("./EscalationsPage"), "EscalationsPage");
const InvoicePage = lazyPage(() => import("./InvoicePage"), "InvoicePage");
const InvoicesPage = lazyPage(() => import("./InvoicesPage"), "InvoicesPage");
const OrderPage = lazyPage(() => import("./OrderPage"), "OrderPage");
const OrdersPage = lazyPage(() => import("./OrdersPage"), "OrdersPage");

export function followUpRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  return (
    <>
      <Route path="commandes" element={<OrdersPage />} />
      <Route path="commandes/:id" element={<OrderPage />} />
      <Route path="livraisons/:id" element={<DeliveryPage />} />
      <Route path="factures" element={<InvoicesPage />} />
      <Route path="factures/:id" element={<InvoicePage />} />
      <Route path="reclamations" element={<ComplaintsPage />} />
      <Route path="reclamations/:id" element={<ComplaintPage />} />
      <Route path="dossiers" element={<CasesPage />} />
      <Route path="dossiers/:id" element={<CasePage />} />
      <Route path="comptes/:prospectId" element={<AccountPage />} />
      {isStaff(me) && <Route path="escalades" element={<EscalationsPage />} />}
    </>
  );
}
