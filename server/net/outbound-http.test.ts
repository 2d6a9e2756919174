import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutboundUrl, guardedLookup, isPrivateAddress, OutboundAddressError, postOutbound } from "./outbound-http";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not-an-ip",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("checkOutboundUrl", () => {
  it("names what is wrong", () => {
    expect(checkOutboundUrl("ftp://example.com/x", false)).toMatch(/https/);
    expect(checkOutboundUrl("https://user:pw@example.com/x", false)).toMatch(/user name or password/);
    expect(checkOutboundUrl("http://localhost:3000/x", false)).toMatch(/private or loopback/);
    expect(checkOutboundUrl("http://[fd00::1]/x", false)).toMatch(/private or loopback/);
    expect(checkOutboundUrl("not a url", false)).toMatch(/absolute/);
    expect(checkOutboundUrl("https://crm.example.com/hooks", false)).toBeNull();
    expect(checkOutboundUrl("http://localhost:3000/x", true)).toBeNull();
  });
});

describe("postOutbound", () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === "/slow") return; // never answers
      res.writeHead(req.url === "/redirect" ? 302 : 202, { location: "http://example.com/" }).end("fine");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("refuses a name when any address it resolves to is private (checked where the connection is made)", async () => {
    const resolver =
      (addresses: string[]) =>
      (_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
        cb(
          null,
          addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
        );
    const lookup = (allowPrivate: boolean, addresses: string[]) =>
      new Promise<string>((resolve, reject) =>
        guardedLookup(allowPrivate, resolver(addresses) as never)(
          "crm.example.com",
          { all: false },
          (error, address) => (error ? reject(error) : resolve(String(address))),
        ),
      );
    await expect(lookup(false, ["93.184.216.34", "10.0.0.5"])).rejects.toBeInstanceOf(OutboundAddressError);
    await expect(lookup(false, ["169.254.169.254"])).rejects.toThrow(/private address \(169.254.169.254\)/);
    await expect(lookup(false, ["93.184.216.34"])).resolves.toBe("93.184.216.34");
    await expect(lookup(true, ["10.0.0.5"])).resolves.toBe("10.0.0.5");
  });

  it("refuses a literal private address before connecting", async () => {
    const before = hits;
    await expect(
      postOutbound(`http://127.0.0.1:${port}/x`, "{}", {}, { timeoutMs: 2000, allowPrivate: false }),
    ).rejects.toBeInstanceOf(OutboundAddressError);
    expect(hits).toBe(before);
  });

  it("posts when private addresses are allowed, without following redirects", async () => {
    const ok = await postOutbound(`http://127.0.0.1:${port}/x`, "{}", {}, { timeoutMs: 2000, allowPrivate: true });
    expect(ok).toMatchObject({ status: 202, bodyExcerpt: "fine" });
    const redirect = await postOutbound(
      `http://127.0.0.1:${port}/redirect`,
      "{}",
      {},
      { timeoutMs: 2000, allowPrivate: true },
    );
    expect(redirect.status).toBe(302);
  });

  it("gives up at the deadline", async () => {
    await expect(
      postOutbound(`http://127.0.0.1:${port}/slow`, "{}", {}, { timeoutMs: 300, allowPrivate: true }),
    ).rejects.toThrow(/no complete answer within 0.3 s/);
  });
});
