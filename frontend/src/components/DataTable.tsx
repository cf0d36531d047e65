// The list table of the pages: a table with a caption for screen readers and a row of
// column headers, in a wrapper that scrolls sideways on narrow screens (a focusable,
// labelled region where the page names it), then the pager of the list when it is paged.
import type { ComponentProps, ReactNode } from "react";
import { Pager } from "./ui";

/** A column header: its text, or the text and how to show it. */
export type Header =
  | string
  | {
      label: string;
      /** "num" for numeric columns. */
      className?: string;
      /** Read by screen readers only (an « Actions » column without a visible title). */
      srOnly?: boolean;
    };

export function DataTable(props: {
  /** Read by screen readers only. */
  caption: ReactNode;
  /** The column headers; `false` leaves a column out (a column shown to some users only). */
  headers: readonly (Header | false)[];
  /** The rows (`<tr>`s). */
  children: ReactNode;
  /** The class of the table: "table" unless said. */
  className?: string;
  /** The class of the wrapper: "scroll-x" unless said; `null`: no wrapper. */
  wrapperClassName?: string | null;
  /** Makes the wrapper a focusable region with this name (it can then be scrolled by keyboard). */
  region?: string;
  /** The pager under the table, for a paged list. */
  pager?: ComponentProps<typeof Pager>;
}) {
  const table = (
    <table className={props.className ?? "table"}>
      <caption className="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((h) => {
            if (h === false) return null;
            const { label, className, srOnly }: Exclude<Header, string> = typeof h === "string" ? { label: h } : h;
            return (
              <th key={label} scope="col" className={className}>
                {srOnly ? <span className="sr-only">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  const wrapperClassName = props.wrapperClassName === undefined ? "scroll-x" : props.wrapperClassName;
  const wrapped =
    wrapperClassName === null ? (
      table
    ) : props.region ? (
      <div className={wrapperClassName} tabIndex={0} role="region" aria-label={props.region}>
        {table}
      </div>
    ) : (
      <div className={wrapperClassName}>{table}</div>
    );
  if (!props.pager) return wrapped;
  return (
    <>
      {wrapped}
      <Pager {...props.pager} />
    </>
  );
}
