// One list of the trainee's records, read page by page: a compact table whose columns say
// how to show a record (one of them heads the row), with its pager.
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { EmptyState } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
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
        <DataTable
          caption={props.caption}
          headers={props.columns.map((c) => ({ label: c.header, className: c.numeric ? "num" : undefined }))}
          className="table compact"
          pager={{ offset, limit: props.limit, total: data.total, onOffset: setOffset, label: props.caption }}
        >
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
        </DataTable>
      )}
    </QueryState>
  );
}
