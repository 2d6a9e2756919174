import type { ReactNode, TdHTMLAttributes } from "react";
import { cn } from "./cn";

/** A dense data table: caption for screen readers, column headers, rows that scroll inside their panel. */
export function DataTable({
  caption,
  columns,
  children,
  testId,
}: {
  caption: string;
  /** Column headers; an empty string is a column without a visible label (named by `srLabel`). */
  columns: { label: string; srLabel?: string }[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    // relative: the sr-only column labels are positioned absolutely, and must scroll with the table
    // rather than widen the page.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column, index) => (
              <th key={column.label || column.srLabel || index} scope="col" className="py-2 pr-4 font-medium last:pr-0">
                {column.label || <span className="sr-only">{column.srLabel}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("py-2 pr-4 last:pr-0", className)} {...props} />;
}
