import type { ReactNode } from "react";

/** A column's name; `{ hidden }` names it for screen readers only (a column of buttons). */
export type Column = string | { hidden: string };

/** The site's tables: a header row of column names, then the rows given. */
export function DataTable({
  columns,
  label,
  children,
}: {
  columns: Column[];
  label?: string;
  children: ReactNode;
}) {
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        <tr>
          {columns.map((column, index) => (
            <th
              key={typeof column === "string" ? column : column.hidden}
              // The last column needs no gap after it.
              className={
                index === columns.length - 1 ? "py-2 font-medium" : "py-2 pr-4 font-medium"
              }
            >
              {typeof column === "string" ? (
                column
              ) : (
                <span className="sr-only">{column.hidden}</span>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
