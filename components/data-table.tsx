import type { ComponentProps, ReactNode } from "react";

// The site's tables. On a phone (below Tailwind's `sm`) a table of several columns cannot fit,
// and a sideways scroll hides cells behind the edge: there, each row stacks into a block and each
// cell shows its column's name before its value, so that every cell is read in full.

/** A column's name; `{ hidden }` names it for screen readers only (a column of buttons). */
export type Column = string | { hidden: string };

/** A header row of column names, then the rows given (each a `Row` of `Cell`s). */
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
    <table className="w-full text-left text-sm max-sm:block" aria-label={label}>
      <thead className="border-b border-zinc-200 text-zinc-600 max-sm:sr-only dark:border-zinc-800 dark:text-zinc-400">
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
      <tbody className="max-sm:block">{children}</tbody>
    </table>
  );
}

/** A row: a block of its own on a phone. */
export function Row({ className = "", ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={`border-b border-zinc-100 max-sm:block max-sm:py-2 dark:border-zinc-900 ${className}`}
      {...props}
    />
  );
}

/**
 * A cell; on a phone, `column` (its column's name) before its value. Without `column` (a column
 * of buttons), it takes the whole width there. `last` drops the gap after the row's last cell.
 */
export function Cell({
  column,
  last = false,
  className = "",
  children,
  ...props
}: ComponentProps<"td"> & { column?: string; last?: boolean }) {
  const phone = column
    ? "max-sm:flex max-sm:gap-3 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-zinc-600 max-sm:before:content-[attr(data-label)] dark:max-sm:before:text-zinc-400"
    : "max-sm:block";
  return (
    <td
      data-label={column}
      className={`py-2 max-sm:py-0.5 ${last ? "" : "pr-4 max-sm:pr-0"} ${phone} ${className}`}
      {...props}
    >
      {/* One box for the value, so that its parts stay together beside the label on a phone. */}
      <div className="min-w-0 break-words">{children}</div>
    </td>
  );
}
