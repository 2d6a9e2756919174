import type { Db } from "../../db/client";
import { PILOT_DAYS, type Dimension } from "../../domain/metrics/definitions";
import { addDays, formatLocalDate, localDateAt, parseLocalDate } from "../../domain/metrics/zoned-time";
import {
  dashboardBreakdown,
  dashboardOverview,
  reportingTimeZone,
  type BreakdownRow,
  type Overview,
} from "./dashboards";

// The pilot report: 14 days, every metric, the verdict against the pilot bar (80% of sales chats end
// in a complete handoff or a documented exception), and where the exceptions come from. A page the
// manager prints or saves as PDF; the numbers are the dashboards' own.

const TOP = 5;

export interface ExceptionHotspot {
  key: string;
  label: string;
  exceptions: number;
  conversations: number;
  rate: number | null;
}

export interface PilotReport extends Overview {
  generatedAt: Date;
  filters: { sourceId?: string; teamId?: string };
  topPages: ExceptionHotspot[];
  topTopics: ExceptionHotspot[];
  topReasons: ExceptionHotspot[];
}

function hotspots(rows: BreakdownRow[]): ExceptionHotspot[] {
  return rows
    .filter((row) => row.metrics.exception_rate.numerator > 0)
    .map((row) => ({
      key: row.key,
      label: row.label,
      exceptions: row.metrics.exception_rate.numerator,
      conversations: row.metrics.exception_rate.denominator,
      rate: row.metrics.exception_rate.rate,
    }))
    .sort((a, b) => b.exceptions - a.exceptions || (b.rate ?? 0) - (a.rate ?? 0) || a.label.localeCompare(b.label))
    .slice(0, TOP);
}

export async function pilotReport(
  db: Db,
  input: { from?: string; sourceId?: string; teamId?: string },
  now = new Date(),
): Promise<PilotReport> {
  const zone = await reportingTimeZone(db);
  const start =
    (input.from ? parseLocalDate(input.from) : null) ?? addDays(localDateAt(now.getTime(), zone), -(PILOT_DAYS - 1));
  const filters = {
    from: formatLocalDate(start),
    to: formatLocalDate(addDays(start, PILOT_DAYS - 1)),
    sourceId: input.sourceId,
    teamId: input.teamId,
  };
  // Ordered by exceptions, so a quiet page with many exceptions is never cut off by busier ones.
  const breakdown = (dimension: Dimension) => dashboardBreakdown(db, { ...filters, dimension }, now, "exceptions");
  const [overview, pages, topics, reasons] = await Promise.all([
    dashboardOverview(db, filters, now),
    breakdown("page"),
    breakdown("topic"),
    breakdown("reason"),
  ]);
  return {
    ...overview,
    generatedAt: now,
    filters: { sourceId: input.sourceId, teamId: input.teamId },
    topPages: hotspots(pages.rows),
    topTopics: hotspots(topics.rows),
    topReasons: hotspots(reasons.rows),
  };
}
