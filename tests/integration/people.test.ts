import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { INVITATION_ATTEMPTS } from "../../server/api/routers/users";
import { getDb } from "../../server/db/client";
import { reloadEnv } from "../../server/env";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { authenticateSourceKey, createSource } from "../../server/services/sources";
import { verifySignIn } from "../../server/services/sign-in";
import { startMailSink, type MailSink } from "../support/receivers";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, callerForSession, createTestUser, SESSION_OPTIONS } from "../support/users";

// People in settings on the run's real database: invitations by link (emailed through a local SMTP
// server, or shown when email is not set up) and by one-time password, which locks everything but
// choosing a password; roles, teams and territories, with the last admin protected; and territories
// steering routing inside a team.

type Caller = Awaited<ReturnType<typeof callerFor>>;
const tag = randomUUID().slice(0, 8);
let admin: Caller;
let adminId: string;
let mail: MailSink;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };
const signIn = (email: string, password: string) =>
  verifySignIn(getDb(), { email, password, ip: `10.9.${Math.floor(Math.random() * 250)}.1` }, SESSION_OPTIONS);

beforeAll(async () => {
  mail = await startMailSink();
  const user = await createTestUser("admin");
  adminId = user.id;
  admin = await callerFor(user);
});

afterAll(async () => {
  Object.assign(process.env, savedEnv);
  for (const [key, value] of Object.entries(savedEnv)) if (value === undefined) delete process.env[key];
  reloadEnv();
  await mail.close();
});

describe("invitations", () => {
  it("emails a sign-in link that works once, and shows the link when email is not set up", async () => {
    Object.assign(process.env, { SMTP_URL: mail.url, APP_URL: "https://desk.example" });
    reloadEnv();
    const team = await getDb().team.create({ data: { name: `Invitees ${tag}` } });
    const email = `newbie-${tag}@it.handoffdesk.test`;
    const result = await admin.users.invite({
      email: email.toUpperCase(),
      name: "Nell Newbie",
      role: "owner",
      teamIds: [team.id],
      territories: ["gb", "IE"],
      method: "link",
    });
    expect(result).toMatchObject({ emailed: true, link: null, password: null });
    const sent = mail.messages.find((m) => m.subject === "You're invited to Handoff Desk" && m.text?.includes("Nell"));
    const link = sent?.text?.match(/https:\/\/desk\.example\/invite\/([\w-]+)/);
    expect(link).toBeTruthy();
    const token = link![1]!;

    const row = await getDb().user.findUniqueOrThrow({
      where: { email },
      select: { role: true, territories: true, passwordHash: true, memberships: { select: { teamId: true } } },
    });
    expect(row).toMatchObject({ role: "owner", territories: ["GB", "IE"], passwordHash: null });
    expect(row.memberships).toEqual([{ teamId: team.id }]);
    // Before the link is used, there is no password to sign in with.
    expect((await signIn(email, "anything at all here")).ok).toBe(false);

    const anonymous = await callerFor(null);
    await expect(anonymous.invitations.accept({ token, password: "short" })).rejects.toThrow(/at least 12/);
    await anonymous.invitations.accept({ token, password: "a long new password" });
    expect((await signIn(email, "a long new password")).ok).toBe(true);
    await expect(anonymous.invitations.accept({ token, password: "another long password" })).rejects.toThrow(
      /no longer valid/,
    );

    // Without email set up, the admin gets the link to pass on.
    delete process.env.SMTP_URL;
    reloadEnv();
    const shown = await admin.users.invite({
      email: `shown-${tag}@it.handoffdesk.test`,
      name: "Shaw Shown",
      role: "reviewer",
      method: "link",
    });
    expect(shown).toMatchObject({ emailed: false, emailError: "Email is not set up." });
    expect(shown.link).toMatch(/^https:\/\/desk\.example\/invite\/[\w-]{43}$/);
    // A one-time password given since voids the link: it cannot reset the password any more.
    const stale = await admin.users.invite({
      email: `stale-${tag}@it.handoffdesk.test`,
      name: "Stan Stale",
      role: "owner",
      method: "link",
    });
    const staleUser = await getDb().user.findUniqueOrThrow({ where: { email: `stale-${tag}@it.handoffdesk.test` } });
    await admin.users.issuePassword({ userId: staleUser.id });
    await expect(
      anonymous.invitations.accept({ token: stale.link!.split("/").pop()!, password: "a long new password" }),
    ).rejects.toThrow(/no longer valid/);
    // A made-up token is refused before any password is hashed.
    await expect(
      anonymous.invitations.accept({ token: "x".repeat(43), password: "a long new password" }),
    ).rejects.toThrow(/no longer valid/);
    // An expired link is refused.
    await getDb().userInvitation.updateMany({
      where: { user: { email: `shown-${tag}@it.handoffdesk.test` } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expiredToken = shown.link!.split("/").pop()!;
    await expect(
      anonymous.invitations.accept({ token: expiredToken, password: "a long new password" }),
    ).rejects.toThrow(/no longer valid/);

    await expect(admin.users.invite({ email, name: "Again", role: "owner", method: "link" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^email: /),
    });
    const audit = await getDb().auditLog.findMany({
      where: { actorId: adminId, action: "user.invited" },
      select: { after: true },
    });
    expect(audit.map((a) => (a.after as { method: string }).method)).toEqual(["link", "link", "link"]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("gives a one-time password that allows nothing but choosing one's own", async () => {
    const email = `otp-${tag}@it.handoffdesk.test`;
    const result = await admin.users.invite({ email, name: "Olly Otp", role: "reviewer", method: "password" });
    expect(result.password).toMatch(/^[\w-]{20}$/);
    const signedIn = await signIn(email, result.password!);
    expect(signedIn.ok).toBe(true);
    const session = signedIn.ok ? signedIn.user.sessionId : null;
    const caller = await callerForSession(session);
    await expect(caller.queue.list({})).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Choose your own password first.",
    });
    expect((await caller.viewer.me()).mustChangePassword).toBe(true);
    await expect(caller.viewer.changePassword({ current: "wrong", next: "my own long password" })).rejects.toThrow(
      /current: that is not your current password/,
    );
    await caller.viewer.changePassword({ current: result.password!, next: "my own long password" });
    const after = await callerForSession(session);
    await expect(after.queue.list({})).resolves.toBeDefined();
    expect((await signIn(email, result.password!)).ok).toBe(false);
  });
});

describe("invitation links from one address", () => {
  it("are limited, so nobody can guess at tokens", async () => {
    const caller = createCaller({
      db: getDb(),
      user: null,
      clientAddress: `10.77.${Math.floor(Math.random() * 250)}.9`,
    });
    const attempt = () => caller.invitations.accept({ token: randomUUID().repeat(2), password: "a long new password" });
    for (let i = 0; i < INVITATION_ATTEMPTS; i++) await expect(attempt()).rejects.toThrow(/no longer valid/);
    await expect(attempt()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("roles, teams and territories", () => {
  it("changes them, audited, but never one's own role or the last admin's", async () => {
    const target = await createTestUser("owner");
    const team = await getDb().team.create({ data: { name: `Edits ${tag}` } });
    const after = await admin.users.update({
      userId: target.id,
      role: "reviewer",
      teamIds: [team.id],
      territories: ["de", "AT"],
      canRevealSensitive: true,
    });
    expect(after).toMatchObject({ role: "reviewer", territories: ["DE", "AT"], teamIds: [team.id] });
    const list = await admin.users.list();
    expect(list.find((u) => u.id === target.id)).toMatchObject({
      role: "reviewer",
      teams: [`Edits ${tag}`],
      territories: ["DE", "AT"],
      canRevealSensitive: true,
    });
    // The new role holds on the user's next request.
    const asTarget = await callerFor(target);
    await expect(asTarget.queue.list({})).resolves.toBeDefined();

    await expect(admin.users.update({ userId: adminId, role: "owner" })).rejects.toThrow(/your own role/);
    await expect(admin.users.update({ userId: target.id, territories: ["GBR"] })).rejects.toThrow(/two-letter/);

    // Two admins demoting each other at once: the second finds it is no longer an admin.
    const [a, b] = [await createTestUser("admin"), await createTestUser("admin")];
    const [asA, asB] = [await callerFor(a), await callerFor(b)];
    const outcomes = await Promise.allSettled([
      asA.users.update({ userId: b.id, role: "manager" }),
      asB.users.update({ userId: a.id, role: "manager" }),
    ]);
    const roles = await getDb().user.findMany({ where: { id: { in: [a.id, b.id] } }, select: { role: true } });
    expect(roles.filter((r) => r.role === "admin")).toHaveLength(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "FORBIDDEN" });
  });

  it("sends a visitor to the team members who cover their country", async () => {
    const db = getDb();
    await ensureRoutingTeams(1);
    // A rule set whose catch-all goes to a team of two, one covering Ireland.
    const team = await db.team.create({ data: { name: `Territory ${tag}` } });
    const gb = await createTestUser("owner");
    const ie = await createTestUser("owner");
    await db.teamMembership.createMany({ data: [gb, ie].map((u) => ({ teamId: team.id, userId: u.id })) });
    await admin.users.update({ userId: ie.id, territories: ["IE"] });
    const editor = await admin.routing.editor();
    const config = {
      ...editor.published.config,
      rules: [
        {
          id: `territory-${tag}`,
          name: "Territory test",
          enabled: true,
          when: { keywords: [`kiln ${tag}`] },
          assign: { to: "team" as const, team: team.name, strategy: "round_robin" as const },
          slaMinutes: 60,
        },
        ...editor.published.config.rules,
      ],
    };
    const published = await admin.routing.publish({ config, baseVersion: editor.published.version });
    try {
      const issued = await createSource(db, null, { name: `people-${tag}`, kind: "api" });
      const source = (await authenticateSourceKey(db, issued.apiKey))!;
      const owners: (string | null)[] = [];
      for (const phone of ["+353 85 123 4567", "+353 86 765 4321"]) {
        const outcome = await ingestConversation(db, source, {
          externalId: `t-${randomUUID()}`,
          messages: [
            { role: "visitor", text: `Could someone quote for a kiln ${tag} repair?` },
            { role: "bot", text: "What's the best number to reach you on, and may we call?" },
            { role: "visitor", text: `${phone}, yes please call me.` },
          ],
        });
        owners.push(outcome.routedTo.ownerId);
      }
      // Round robin among those covering Ireland: the same person both times.
      expect(owners).toEqual([ie.id, ie.id]);
    } finally {
      await db.routingRuleSet.deleteMany({ where: { version: { gte: published.version } } });
    }
  });
});
