import type { ReactNode } from "react";
import { cn } from "./cn";

/** Inline loading / error text for data-driven panels, announced politely to screen readers. */
export function StatusMessage({
  tone = "neutral",
  children,
  testId,
}: {
  tone?: "neutral" | "error";
  children: ReactNode;
  testId?: string;
}) {
  return (
    <p
      aria-live="polite"
      data-testid={testId}
      className={cn("px-6 py-4 text-sm", tone === "error" ? "text-red-700" : "text-slate-500")}
    >
      {children}
    </p>
  );
}
