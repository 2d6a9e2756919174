import "server-only";
import { getCurrentUser } from "../auth/guards";
import { getDb } from "../db/client";
import { csvLine } from "../domain/metrics/csv";
import { getEnv } from "../env";
import { logger } from "../logger";
import { recordAudit } from "../services/audit";
import { queryValuesOf, ZDrilldownSlice, type DrilldownSlice } from "../services/dashboards/dashboard-input";
import { resolveDashboardWindow } from "../services/dashboards/dashboards";
import { countSlice, EXPORT_COLUMNS, EXPORT_LIMIT, exportRows } from "../services/dashboards/drilldown";
import { apiError, apiFailure, zodIssues } from "./api-v1";

// GET /api/dashboards/export?<a drill-down slice>: the conversations behind one number as CSV, for a
// signed-in user holding dashboards:read (checked here, on the server, like every procedure).
// The rows are streamed as the service pages through them, so a large export never sits in memory,
// and each export is audited with its slice and row count: personal data is leaving the system.

const ROWS_PER_CHUNK = 200;

export async function handleDashboardExport(request: Request): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!user) return apiError(401, "unauthorized", "Sign in to continue.");
    if (!user.permissions.includes("dashboards:read") || user.mustChangePassword) {
      return apiError(403, "forbidden", "Your role does not allow exporting dashboard data.");
    }
    const parsed = ZDrilldownSlice.safeParse(queryValuesOf(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const first = issues[0]!;
      return apiError(400, "invalid_query", `${first.path}: ${first.message}`, { issues });
    }
    const db = getDb();
    // Resolved before the first byte, so a bad window is a 400 rather than a broken download, and
    // the file holds exactly the days its name says however long the download takes.
    const window = await resolveDashboardWindow(db, parsed.data);
    const slice: DrilldownSlice = { ...parsed.data, from: window.from, to: window.to };
    // Counted first: an export is the whole list or nothing, never a file silently cut short.
    const rows = await countSlice(db, slice);
    if (rows > EXPORT_LIMIT) {
      return apiError(
        400,
        "export_too_large",
        `from: this list has ${rows.toLocaleString("en-GB")} conversations; an export holds at most ` +
          `${EXPORT_LIMIT.toLocaleString("en-GB")}. Narrow the dates or filters.`,
      );
    }
    return streamExport(db, user.id, slice);
  } catch (error) {
    return apiFailure("dashboards.export", error);
  }
}

function streamExport(db: ReturnType<typeof getDb>, actorId: string, slice: DrilldownSlice): Response {
  const encoder = new TextEncoder();
  const rows = exportRows(db, slice, getEnv().APP_URL);
  let sent = 0;
  let audited = false;
  const audit = async (outcome: "complete" | "cancelled" | "failed") => {
    if (audited) return;
    audited = true;
    await recordAudit(db, {
      actorId,
      action: "dashboards.exported",
      targetType: "dashboard_export",
      after: { slice, rows: sent, outcome },
    }).catch((error: unknown) => logger.error("could not audit a dashboard export", { err: error }));
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(EXPORT_COLUMNS)));
    },
    async pull(controller) {
      try {
        let chunk = "";
        for (let i = 0; i < ROWS_PER_CHUNK; i++) {
          const next = await rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            await audit("complete");
            controller.close();
            return;
          }
          chunk += csvLine(next.value);
          sent += 1;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        logger.error("dashboard export failed", { err: error });
        await audit("failed");
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
      await audit("cancelled");
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename=handoff-desk-${slice.metric}-${slice.from}-${slice.to}.csv`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
