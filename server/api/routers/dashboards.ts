import {
  ZBreakdownInput,
  ZDashboardFilters,
  ZDrilldownInput,
  ZPilotReportInput,
  ZTrendInput,
} from "../../services/dashboards/dashboard-input";
import {
  dashboardBreakdown,
  dashboardFilterOptions,
  dashboardOverview,
  dashboardTrend,
} from "../../services/dashboards/dashboards";
import { drilldown } from "../../services/dashboards/drilldown";
import { pilotReport } from "../../services/dashboards/pilot-report";
import { createTRPCRouter, procedureWith } from "../trpc";

// Managers' and admins' numbers (dashboards:read). Owners and reviewers are refused here, on the
// server, whatever the page shows them.
const read = procedureWith("dashboards:read");

export const dashboardsRouter = createTRPCRouter({
  filterOptions: read.query(({ ctx }) => dashboardFilterOptions(ctx.db)),
  overview: read.input(ZDashboardFilters).query(({ ctx, input }) => dashboardOverview(ctx.db, input)),
  trend: read.input(ZTrendInput).query(({ ctx, input }) => dashboardTrend(ctx.db, input)),
  breakdown: read.input(ZBreakdownInput).query(({ ctx, input }) => dashboardBreakdown(ctx.db, input)),
  drilldown: read.input(ZDrilldownInput).query(({ ctx, input }) => drilldown(ctx.db, input)),
  pilotReport: read.input(ZPilotReportInput).query(({ ctx, input }) => pilotReport(ctx.db, input)),
});
