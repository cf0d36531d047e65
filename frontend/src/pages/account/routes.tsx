// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
const AccountPage = lazyPage(() => import("./AccountPage"), "AccountPage");

export function accountRoutes() {
  return <Route path="compte" element={<AccountPage />} />;
}
