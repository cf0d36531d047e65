// "Sur cette page": links to the parts of a long page. A link scrolls to its part and moves
// the keyboard focus there (the heading, made focusable), so the next Tab continues inside it.
import type { MouseEvent } from "react";
import "./InPageNav.css";

export interface PagePart {
  /** The id of the part's heading (or of its container). */
  target: string;
  label: string;
}

export function jumpTo(target: string): boolean {
  const el = document.getElementById(target);
  if (!el) return false;
  if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.scrollIntoView?.({ block: "start" });
  el.focus({ preventScroll: true });
  return true;
}

export function InPageNav({ parts, label = "Sur cette page" }: { parts: PagePart[]; label?: string }) {
  const go = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    if (jumpTo(target)) event.preventDefault();
  };
  return (
    <nav className="in-page-nav" aria-label={label}>
      <span className="in-page-nav-title" aria-hidden="true">
        {label} :
      </span>
      <ul>
        {parts.map((part) => (
          <li key={part.target}>
            <a href={`#${part.target}`} onClick={(e) => go(e, part.target)}>
              {part.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
