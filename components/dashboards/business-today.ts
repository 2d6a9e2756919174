import "server-only";
import { getDb } from "@/server/db/client";
import { formatLocalDate, localDateAt } from "@/server/domain/metrics/zoned-time";
import { reportingTimeZone } from "@/server/services/dashboards/dashboards";

/** Today's date where the business is (its reporting time zone), "YYYY-MM-DD": where "last 7 days" ends. */
export async function businessToday(now = Date.now()): Promise<string> {
  return formatLocalDate(localDateAt(now, await reportingTimeZone(getDb())));
}
