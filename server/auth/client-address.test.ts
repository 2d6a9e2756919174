import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("takes the address the outermost trusted proxy saw, ignoring what the client wrote", () => {
    // client claims 1.1.1.1; the one proxy appended the real peer 203.0.113.9
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    // two proxies: the first appended the client, the second appended the first proxy
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });
  it("without a proxy, uses the entry Next added from the socket", () => {
    expect(clientAddress(headers("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.9"), 0)).toBe("203.0.113.9");
  });
  it("copes with fewer entries than trusted hops, and with none", () => {
    expect(clientAddress(headers("203.0.113.9"), 3)).toBe("203.0.113.9");
    expect(clientAddress(headers(), 1)).toBe("unknown");
    expect(clientAddress(headers(" , "), 1)).toBe("unknown");
  });
});
