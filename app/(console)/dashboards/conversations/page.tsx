import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { parseSliceParams } from "@/components/dashboards/dashboard-params";
import { DrilldownView } from "@/components/dashboards/drilldown-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Conversations behind a number" };

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(params: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out.set(key, first);
  }
  return out;
}

export default async function DashboardConversationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = toUrlSearchParams(await searchParams);
  await requirePagePermission("dashboards:read", `/dashboards/conversations?${params.toString()}`);
  const parsed = parseSliceParams(params);
  if (!parsed.ok) {
    return (
      <>
        <PageHeader title="Conversations behind a number" />
        <EmptyState icon={<CircleAlert className="h-5 w-5" />} title="This link does not name a dashboard figure">
          <p data-testid="slice-error">
            {parsed.field}: {parsed.message}
          </p>
          <p>
            <Link href="/dashboards" className="font-medium text-blue-700 hover:underline">
              Back to the dashboards
            </Link>
          </p>
        </EmptyState>
      </>
    );
  }
  // Keyed by the query, so a different figure starts from a fresh list.
  return <DrilldownView key={params.toString()} slice={parsed.slice} />;
}
