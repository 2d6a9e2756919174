import type { Db } from "../../db/client";
import { sqlQuery } from "../../db/sql";
import type { Prisma } from "../../db/generated/prisma/client";
import { DEFAULT_ROUTING, ZRoutingConfig, type RoutingConfig } from "../../domain/routing/rules";

// Parsed once per version: validating the rules (time zones and all) on every conversation cost
// more than routing it. A published version is never changed in place (an edit publishes the next
// version), so the version number is the cache key; a row edited by hand needs a restart.
let parsed: { version: number; config: RoutingConfig } | null = null;

/**
 * The routing rules in force: the newest published version. A new install publishes the default
 * rules as version 1 the first time they are needed, so every decision names a stored version.
 */
export async function loadRoutingConfig(db: Db): Promise<{ version: number; config: RoutingConfig }> {
  // Every conversation asks: the newest version number is one small statement through the driver;
  // the rules themselves are read and parsed only when it changes.
  const [newest] = await sqlQuery<{ version: number }>(
    `SELECT version FROM routing_rule_sets ORDER BY version DESC LIMIT 1`,
  );
  if (newest && parsed?.version === newest.version) return parsed;
  let latest = await db.routingRuleSet.findFirst({
    orderBy: { version: "desc" },
    select: { version: true, rules: true },
  });
  if (!latest) {
    await db.routingRuleSet.createMany({
      data: [{ version: 1, rules: DEFAULT_ROUTING as unknown as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    latest = await db.routingRuleSet.findFirstOrThrow({
      orderBy: { version: "desc" },
      select: { version: true, rules: true },
    });
  }
  // Stored rules were validated when published; parsing again stops a bad hand-edited row at once.
  if (parsed?.version !== latest.version)
    parsed = { version: latest.version, config: ZRoutingConfig.parse(latest.rules) };
  return parsed;
}
