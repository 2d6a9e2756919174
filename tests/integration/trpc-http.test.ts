import { PrismaPg } from "@prisma/adapter-pg";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import type { TRPCContext } from "../../server/api/trpc";
import { permissionsOf } from "../../server/auth/permissions";
import { getDb } from "../../server/db/client";
import { PrismaClient } from "../../server/db/generated/prisma/client";

// The tRPC HTTP handler as the route uses it, with an in-process Request: what a browser receives.

const admin = {
  id: "0195f3a0-0000-7000-8000-00000000000a",
  email: "admin@it.handoffdesk.test",
  name: "Admin",
  role: "admin" as const,
  permissions: permissionsOf("admin"),
  sessionId: "0195f3a0-0000-7000-8000-00000000000b",
  mustChangePassword: false,
};

function call(path: string, context: TRPCContext, init?: RequestInit) {
  const logged: unknown[] = [];
  const response = fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://console.test/api/trpc/${path}`, init),
    router: appRouter,
    createContext: async () => context,
    onError: ({ error }) => logged.push(error),
  });
  return { response, logged };
}

describe("tRPC over HTTP", () => {
  it("answers an unexpected failure with a generic 500, never the driver's message", async () => {
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: "postgresql://handoff:s3cret-pw@127.0.0.1:1/handoff",
        connectionTimeoutMillis: 500,
      }),
    });
    const { response, logged } = call("users.list", { db: unreachable, user: admin });
    const res = await response;
    await unreachable.$disconnect();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.json.message).toBe("Something went wrong on our side. Try again.");
    expect(text).not.toMatch(/s3cret|127\.0\.0\.1|ECONNREFUSED|handoff:/);
    expect(logged).toHaveLength(1);
  });

  it("names the wrong field with a 400 and writes nothing", async () => {
    const before = await getDb().auditLog.count();
    const { response } = call(
      "users.setActive",
      { db: getDb(), user: admin },
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { userId: "nope", active: "yes" } }),
      },
    );
    const res = await response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.error.json.data.fieldErrors).sort()).toEqual(["active", "userId"]);
    expect(await getDb().auditLog.count()).toBe(before);
  });

  it("maps a service's AppError to its status", async () => {
    const { response } = call(
      "users.setActive",
      { db: getDb(), user: admin },
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { userId: admin.id, active: false } }),
      },
    );
    const res = await response;
    expect(res.status).toBe(409);
    expect((await res.json()).error.json.message).toBe("You cannot deactivate your own account.");
  });
});
