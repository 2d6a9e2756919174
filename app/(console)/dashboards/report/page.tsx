import { TRPCError } from "@trpc/server";
import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PilotReportView } from "@/components/dashboards/pilot-report-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { createCaller } from "@/server/api/root";
import { requirePagePermission } from "@/server/auth/guards";
import { getDb } from "@/server/db/client";
import { ZPilotReportInput } from "@/server/services/dashboards/dashboard-input";

export const metadata: Metadata = { title: "Pilot report" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === "" ? undefined : one;
}

function ReportError({ message }: { message: string }) {
  return (
    <>
      <PageHeader title="Pilot report" />
      <EmptyState icon={<CircleAlert className="h-5 w-5" />} title="This report link is not valid">
        <p data-testid="report-error">{message}</p>
        <p>
          <Link href="/dashboards" className="font-medium text-blue-700 hover:underline">
            Back to the dashboards
          </Link>
        </p>
      </EmptyState>
    </>
  );
}

// Server-rendered, so it prints as it loads: the 14 days from `from` (by default those ending today).
export default async function PilotReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const raw = { from: first(params.from), sourceId: first(params.sourceId), teamId: first(params.teamId) };
  const query = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1])));
  const user = await requirePagePermission("dashboards:read", `/dashboards/report?${query.toString()}`);
  const parsed = ZPilotReportInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return <ReportError message={`${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`} />;
  }
  // Through the same procedure, and its role check, as the browser's requests.
  const caller = createCaller({ db: getDb(), user });
  const loaded = await Promise.all([
    caller.dashboards.pilotReport(parsed.data),
    caller.dashboards.filterOptions(),
  ]).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return error;
    throw error;
  });
  if (loaded instanceof TRPCError) return <ReportError message={loaded.message} />;
  const [report, options] = loaded;
  const sourceName = options.sources.find((s) => s.id === parsed.data.sourceId)?.name;
  const teamName = options.teams.find((t) => t.id === parsed.data.teamId)?.name;
  const scope =
    [sourceName && `Source: ${sourceName}`, teamName && `Team: ${teamName}`].filter(Boolean).join(" · ") ||
    "All sources and teams";
  return <PilotReportView report={report} scope={scope} />;
}
