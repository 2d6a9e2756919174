import { handleDashboardExport } from "@/server/http/dashboard-export-route";

// The conversations behind a dashboard number as CSV (dashboards:read, checked in the handler).
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleDashboardExport(request);
}
