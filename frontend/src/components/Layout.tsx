import { NavLink, Outlet } from "react-router-dom";
import { isStaff, useAuth } from "../auth/AuthContext";

type Item = { to: string; label: string };

const TRAINEE: Item[] = [
  { to: "/", label: "Tableau de bord" },
  { to: "/prospects", label: "Prospects" },
  { to: "/imports", label: "Imports" },
  { to: "/tournees", label: "Tournées" },
  { to: "/veille", label: "Veille" },
  { to: "/concurrents", label: "Concurrents" },
  { to: "/rgpd", label: "RGPD" },
  { to: "/portfolio", label: "Portfolio" },
];

const STAFF: Item[] = [
  { to: "/", label: "Promotion" },
  { to: "/rgpd", label: "RGPD" },
];

// The organisation's administration, for admins only (after the staff's items).
const ADMIN: Item[] = [
  { to: "/admin/utilisateurs", label: "Utilisateurs" },
  { to: "/admin/cohortes", label: "Cohortes" },
];

export function Layout() {
  const { me, logout } = useAuth();
  const items = isStaff(me) ? [...STAFF, ...(me?.role === "admin" ? ADMIN : [])] : TRAINEE;
  return (
    <div className="shell">
      <a className="skip" href="#contenu">
        Aller au contenu
      </a>
      <header className="topbar">
        <span className="brand">CapVente</span>
        <nav aria-label="Navigation principale">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me?.full_name} <small>({roleLabel(me?.role)})</small>
          </span>
          <NavLink to="/compte">Mon compte</NavLink>
          <button type="button" onClick={logout}>
            Se déconnecter
          </button>
        </div>
      </header>
      <main id="contenu" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

export function roleLabel(role: string | undefined): string {
  return { trainee: "stagiaire", trainer: "formateur", admin: "administration" }[role ?? ""] ?? "";
}
