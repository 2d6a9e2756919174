import { checkHealth } from "@/server/services/health";

// Public on purpose (load balancers and uptime checks call it): it reports status only, no secrets.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
