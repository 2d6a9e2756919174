import type { ReactNode } from "react";

/** What will appear here, and what makes it appear: an empty screen should teach, not just be blank. */
export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children: ReactNode }) {
  return (
    <div
      className="mx-auto mt-16 max-w-xl rounded-lg border border-dashed border-slate-300 bg-white px-8 py-10 text-center"
      data-testid="empty-state"
    >
      {icon ? (
        <div className="mx-auto mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 space-y-2 text-sm leading-6 text-slate-600">{children}</div>
    </div>
  );
}
