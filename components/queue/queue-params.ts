import {
  QUEUE_SORTS,
  ZQueueFilters,
  type QueueFilters,
  type QueueSort,
  type QueueTab,
} from "@/server/services/review/queue-input";

// The queue's view lives in the URL (?tab=mine&reason=emergency&q=dana), so a reviewer can share
// it and a reload keeps it. A value that does not parse is dropped, not an error: a link someone
// edited by hand still opens the queue.

export type QueueScope = "queue" | "cases";

export interface QueueScopeConfig {
  tabs: { id: QueueTab; label: string }[];
  defaultTab: QueueTab;
  defaultSort: QueueSort;
  path: string;
}

export const SCOPES: Readonly<Record<QueueScope, QueueScopeConfig>> = {
  queue: {
    tabs: [
      { id: "unclaimed", label: "Unclaimed" },
      { id: "mine", label: "Mine" },
      { id: "open", label: "All open" },
      { id: "resolved", label: "Resolved" },
    ],
    defaultTab: "unclaimed",
    defaultSort: "due",
    path: "/queue",
  },
  cases: {
    tabs: [
      { id: "all", label: "All" },
      { id: "open", label: "Open" },
      { id: "resolved", label: "Resolved" },
    ],
    defaultTab: "all",
    defaultSort: "newest",
    path: "/cases",
  },
};

export const SORT_LABELS: Readonly<Record<QueueSort, string>> = {
  due: "SLA due, soonest first",
  newest: "Newest first",
  priority: "Priority, then SLA due",
};

/** URL parameter -> filter field. */
const PARAMS = {
  reason: "reason",
  source: "sourceId",
  page: "page",
  topic: "topic",
  owner: "ownerId",
  from: "from",
  to: "to",
  q: "q",
} as const satisfies Record<string, keyof QueueFilters>;

type Param = keyof typeof PARAMS;

export interface QueueViewState {
  tab: QueueTab;
  sort: QueueSort;
  filters: QueueFilters;
}

export function parseQueueParams(params: URLSearchParams, scope: QueueScope): QueueViewState {
  const config = SCOPES[scope];
  const tabParam = params.get("tab");
  const tab = config.tabs.find((t) => t.id === tabParam)?.id ?? config.defaultTab;
  const sortParam = params.get("sort");
  const sort = (QUEUE_SORTS as readonly string[]).includes(sortParam ?? "")
    ? (sortParam as QueueSort)
    : config.defaultSort;
  const filters: QueueFilters = {};
  for (const [param, field] of Object.entries(PARAMS) as [Param, keyof QueueFilters][]) {
    const raw = params.get(param);
    if (!raw) continue;
    const parsed = ZQueueFilters.shape[field].safeParse(raw);
    if (parsed.success && parsed.data) filters[field] = parsed.data;
  }
  return { tab, sort, filters };
}

/** The URL query for a view: defaults are left out, so the plain page is the default view. */
export function queueQuery(view: QueueViewState, scope: QueueScope): string {
  const config = SCOPES[scope];
  const params = new URLSearchParams();
  if (view.tab !== config.defaultTab) params.set("tab", view.tab);
  for (const [param, field] of Object.entries(PARAMS) as [Param, keyof QueueFilters][]) {
    const value = view.filters[field];
    if (value) params.set(param, value);
  }
  if (view.sort !== config.defaultSort) params.set("sort", view.sort);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasFilters(filters: QueueFilters): boolean {
  return Object.values(filters).some(Boolean);
}
