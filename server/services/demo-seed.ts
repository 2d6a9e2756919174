import { DEMO_ACCOUNTS, DEMO_SOURCE, DEMO_TEAMS, DEMO_WIDGET } from "../auth/demo-accounts";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import { seedReplyTemplates } from "./replies/templates";
import { generateApiKey, generateSigningSecret, hashApiKey, WIDGET_RATE_LIMIT_PER_MINUTE } from "./sources";

/** Creates (or restores) the demo teams and accounts. Safe to run on every demo start. */
export async function seedDemoData(db: Db): Promise<void> {
  const teams = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const row = await db.team.upsert({
      where: { name: team.name },
      create: { name: team.name, description: team.description },
      update: {},
      select: { id: true },
    });
    teams.set(team.name, row.id);
  }
  for (const account of DEMO_ACCOUNTS) {
    const passwordHash = await hashPassword(account.password);
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { email: account.email, name: account.name, role: account.role, passwordHash },
      // Put the documented password, role and active flag back, so the README stays true.
      update: { name: account.name, role: account.role, passwordHash, active: true },
      select: { id: true },
    });
    for (const teamName of account.teams) {
      const teamId = teams.get(teamName);
      if (!teamId) continue;
      await db.teamMembership.upsert({
        where: { teamId_userId: { teamId, userId: user.id } },
        create: { teamId, userId: user.id },
        update: {},
      });
    }
  }
  // The demo source's key is printed in the README so `curl` works out of the box; demo mode only.
  const key = { keyPrefix: DEMO_SOURCE.apiKey.slice(0, 11), keyHash: hashApiKey(DEMO_SOURCE.apiKey) };
  await db.source.upsert({
    where: { name: DEMO_SOURCE.name },
    create: { name: DEMO_SOURCE.name, kind: "api", signingSecret: DEMO_SOURCE.signingSecret, ...key },
    update: { ...key, signingSecret: DEMO_SOURCE.signingSecret, revokedAt: null, previousKeyPrefix: null },
  });
  // The sample site's chat widget (/sample-site): a fixed public id, so the page and the tests know it.
  const widgetKey = generateApiKey();
  await db.source.upsert({
    where: { name: DEMO_WIDGET.name },
    create: {
      name: DEMO_WIDGET.name,
      kind: "widget",
      publicId: DEMO_WIDGET.publicId,
      widgetSettings: DEMO_WIDGET.settings,
      rateLimitPerMinute: WIDGET_RATE_LIMIT_PER_MINUTE,
      signingSecret: generateSigningSecret(),
      keyPrefix: widgetKey.prefix,
      keyHash: widgetKey.hash,
    },
    update: { publicId: DEMO_WIDGET.publicId, revokedAt: null },
  });
  await db.rateLimitCounter.deleteMany({ where: { key: { startsWith: "sign-in:" } } });
  await seedReplyTemplates(db);
}
