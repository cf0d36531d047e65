import { useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { isStaff, isTutor, useAuth } from "../auth/AuthContext";
import { PageSuspense } from "./lazyPage";

/** A menu entry; `section`: the other paths it stands for (marked as the current entry there);
 * `home`: also the entry of the home page (`/`). */
type Item = { to: string; label: string; section?: string[]; home?: boolean };

const TRAINEE: Item[] = [
  { to: "/", label: "Tableau de bord" },
  { to: "/prospects", label: "Prospects" },
  { to: "/imports", label: "Imports" },
  { to: "/tournees", label: "Tournées" },
  { to: "/agenda", label: "Agenda" },
  { to: "/veille", label: "Veille" },
  { to: "/concurrents", label: "Concurrents" },
  { to: "/rgpd", label: "RGPD" },
  { to: "/portfolio", label: "Portfolio" },
  { to: "/entreprise", label: "Mon entreprise" },
  { to: "/plans", label: "Plan d'actions" },
  { to: "/presentations", label: "Présentations" },
  { to: "/reseaux", label: "Réseaux sociaux" },
  { to: "/ventes", label: "Ventes" },
  {
    to: "/commandes",
    label: "Suivi",
    section: ["/livraisons", "/factures", "/reclamations", "/dossiers", "/comptes"],
  },
  { to: "/fidelisation", label: "Fidélisation" },
  { to: "/analyses", label: "Analyse des écarts", section: ["/notes"] },
  { to: "/mes-exercices", label: "Exercices" },
];

const STAFF: Item[] = [
  { to: "/", label: "Promotion" },
  { to: "/agenda", label: "Agenda" },
  { to: "/rgpd", label: "RGPD" },
  { to: "/entreprise", label: "Cas d'entreprise" },
  { to: "/plans", label: "Plans à valider" },
  { to: "/ventes", label: "Remises à accorder" },
  { to: "/escalades", label: "Escalades" },
  { to: "/fidelisation/offres", label: "Offres à accorder" },
  { to: "/notes/a-lire", label: "Notes à lire", section: ["/notes"] },
  { to: "/formateur/tableau-de-bord", label: "Tableau de bord", section: ["/analyses"] },
  { to: "/exercices", label: "Exercices" },
];

// A company tutor reads their trainees' notes, analyses and portfolios: nothing else.
const TUTOR: Item[] = [
  { to: "/notes/a-lire", label: "Notes à lire", section: ["/notes"], home: true },
  { to: "/analyses", label: "Analyses" },
  { to: "/alternants", label: "Alternants", section: ["/formation/stagiaires"] },
];

// The organisation's administration, for admins only (after the staff's items).
const ADMIN: Item[] = [
  { to: "/admin/utilisateurs", label: "Utilisateurs" },
  { to: "/admin/cohortes", label: "Cohortes" },
];

/** The shell: skip link, top bar and the page. At phone width (CSS: max-width 760px) the
 * menu collapses behind a "Menu" button (aria-expanded / aria-controls); it closes again when
 * a page is chosen. Pages load on demand (lazyPage) inside <PageSuspense>. */
export function Layout() {
  const { me, logout } = useAuth();
  const items = isTutor(me) ? TUTOR : isStaff(me) ? [...STAFF, ...(me?.role === "admin" ? ADMIN : [])] : TRAINEE;
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  // Another page closes the menu (state adjusted while rendering, not in an effect).
  const [menuPath, setMenuPath] = useState(location.pathname);
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }
  return (
    <div className="shell">
      <a className="skip" href="#contenu">
        Aller au contenu
      </a>
      <header className={`topbar${menuOpen ? " menu-open" : ""}`}>
        <span className="brand">CapVente</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="menu-principal"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {menuOpen ? "Fermer le menu" : "Menu"}
        </button>
        <nav id="menu-principal" aria-label="Navigation principale">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to === "/"}
                  className={({ isActive }) => (isActive || inSection(item, location.pathname) ? "active" : undefined)}
                >
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
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </main>
    </div>
  );
}

function inSection(item: Item, pathname: string): boolean {
  if (item.home && pathname === "/") return true;
  return (item.section ?? []).some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function roleLabel(role: string | undefined): string {
  return (
    { trainee: "stagiaire", trainer: "formateur", admin: "administration", tutor: "tuteur en entreprise" }[
      role ?? ""
    ] ?? ""
  );
}
