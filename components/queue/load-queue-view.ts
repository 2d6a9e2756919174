import "server-only";
import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db/client";
import type { QueueCounts, QueuePage } from "@/server/services/review/queue";
import type { SessionUser } from "@/server/services/session-user";
import { parseQueueParams, queueQuery, type QueueScope } from "./queue-params";

export type PageSearchParams = Record<string, string | string[] | undefined>;

export interface InitialQueueView {
  /** The view the data is for, as its canonical URL query. */
  query: string;
  list: QueuePage;
  counts: QueueCounts;
  /** When it was read: the client's first render uses the same clock. */
  at: number;
}

function toUrlSearchParams(params: PageSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, item);
  }
  return out;
}

/**
 * The queue's first page and counts for the page's URL, read while the page renders (through the
 * same procedures and role checks as the browser's requests), so the rows arrive in the HTML: the
 * largest paint does not wait for the scripts to load and ask again.
 */
export async function loadQueueView(
  scope: QueueScope,
  user: SessionUser,
  searchParams: PageSearchParams,
): Promise<InitialQueueView> {
  const view = parseQueueParams(toUrlSearchParams(searchParams), scope);
  const caller = createCaller({ db: getDb(), user });
  const input = { ...view.filters, tab: view.tab, sort: view.sort };
  const at = Date.now();
  const [list, counts] = await Promise.all(
    scope === "queue"
      ? [caller.queue.list(input), caller.queue.counts(view.filters)]
      : [caller.queue.allCases(input), caller.queue.allCounts(view.filters)],
  );
  return { query: queueQuery(view, scope).replace(/^\?/, ""), list, counts, at };
}
