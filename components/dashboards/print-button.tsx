"use client";

import { Printer } from "lucide-react";
import { Button } from "../ui/button";

/** Opens the browser's print dialog (print, or save as PDF). */
export function PrintButton() {
  return (
    <Button variant="primary" onClick={() => window.print()} className="print:hidden" data-testid="print-report">
      <Printer aria-hidden className="h-4 w-4" />
      Print
    </Button>
  );
}
