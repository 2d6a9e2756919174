import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "../ui/cn";

/**
 * A number that opens the conversations behind it. Underlined on hover and focus only, so a grid of
 * figures stays quiet, but every figure is a link (keyboard users reach each one).
 */
export function DrillLink({
  href,
  children,
  label,
  className,
  testId,
}: {
  href: string;
  children: ReactNode;
  /** Read instead of the bare figure when the figure alone says too little ("5" -> "5 complete handoffs"). */
  label?: string;
  className?: string;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      prefetch={false}
      aria-label={label}
      title={label}
      data-testid={testId}
      className={cn(
        "rounded-sm tabular-nums underline-offset-2 decoration-slate-400 hover:text-sky-800 hover:underline focus-visible:underline",
        className,
      )}
    >
      {children}
    </Link>
  );
}
