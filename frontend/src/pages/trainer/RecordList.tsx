// One list of the trainee's records, read page by page: a compact table whose columns say
// how to show a record (one of them heads the row), with its pager.
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { EmptyState, Pager } from "../../components/ui";
import { QueryState } from "../../components/QueryState";

type Page<T> = { items: T[]; total: number };
export type Column<T> = { header: string; cell: (row: T) => ReactNode; rowHeader?: boolean; numeric?: boolean };

export function RecordList<P extends Page<{ id: number }>, K extends QueryKey>(props: {
  /** The query of one page of the list. */
  page: (offset: number) => UseQueryOptions<P, Error, P, K>;
  /** The page size the query asks for. */
  limit: number;
  caption: string;
  empty: string;
  columns: Column<P["items"][number]>[];
}) {
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...props.page(offset),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryState query={list} empty={<EmptyState title={props.empty} />}>
      {(data) => (
        <>
          <div className="scroll-x">
            <table className="table compact">
              <caption className="sr-only">{props.caption}</caption>
              <thead>
                <tr>
                  {props.columns.map((c) => (
                    <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => (
                  <tr key={row.id}>
                    {props.columns.map((c) =>
                      c.rowHeader ? (
                        <th key={c.header} scope="row">
                          {c.cell(row)}
                        </th>
                      ) : (
                        <td key={c.header} className={c.numeric ? "num" : undefined}>
                          {c.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={props.limit} total={data.total} onOffset={setOffset} label={props.caption} />
        </>
      )}
    </QueryState>
  );
}
