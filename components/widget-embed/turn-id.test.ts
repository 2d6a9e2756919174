import { describe, expect, it } from "vitest";
import { createTurnIds, newTurnId } from "./turn-id";

const unused = () => {
  throw new Error("not to be called");
};

describe("newTurnId", () => {
  it("uses randomUUID where the browser has it", () => {
    const uuid = "0b7e2f3a-5c1d-4e8f-9a6b-2c3d4e5f6a7b";
    expect(newTurnId({ randomUUID: () => uuid, getRandomValues: unused })).toBe(uuid);
    expect(newTurnId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("falls back to 32 random hex digits without it", () => {
    const sixteen = <T extends ArrayBufferView | null>(array: T): T => {
      (array as unknown as Uint8Array).set([0, 1, 15, 16, 127, 128, 254, 255, 9, 10, 11, 12, 13, 14, 15, 200]);
      return array;
    };
    expect(newTurnId({ getRandomValues: sixteen })).toBe("00010f107f80feff090a0b0c0d0e0fc8");
    const real = newTurnId({ getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(real).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("createTurnIds", () => {
  const counter = () => {
    let n = 0;
    return () => `turn-${++n}`;
  };

  it("gives every turn its own id", () => {
    const ids = createTurnIds(counter());
    expect(ids.idFor({ text: "Hi" })).toBe("turn-1");
    expect(ids.idFor({ text: "Hi" })).toBe("turn-2");
  });

  it("sends the same failed turn again under its id, and anything else under a new one", () => {
    const ids = createTurnIds(counter());
    const turn = { text: "Pricing?" };
    ids.failed(turn, ids.idFor(turn));
    expect(ids.idFor({ text: "Pricing? And hours?" })).toBe("turn-2");
    expect(ids.idFor({ text: "Pricing?" })).toBe("turn-1");
    expect(ids.idFor({ text: "Pricing?" })).toBe("turn-1");
  });

  it("tells a consent answer from the other answer and from a newer wording", () => {
    const ids = createTurnIds(counter());
    const yes = { consent: "given", consentVersion: "v2", text: "Yes, you can contact me" };
    ids.failed(yes, ids.idFor(yes));
    expect(ids.idFor({ ...yes })).toBe("turn-1");
    expect(ids.idFor({ consent: "refused", consentVersion: "v2", text: "No, thanks" })).toBe("turn-2");
    expect(ids.idFor({ ...yes, consentVersion: "v3" })).toBe("turn-3");
  });

  it("keeps only the latest failure, and forgets it once a turn goes through", () => {
    const ids = createTurnIds(counter());
    ids.failed({ text: "a" }, ids.idFor({ text: "a" }));
    ids.failed({ text: "b" }, ids.idFor({ text: "b" }));
    expect(ids.idFor({ text: "a" })).toBe("turn-3");
    expect(ids.idFor({ text: "b" })).toBe("turn-2");
    ids.forget();
    expect(ids.idFor({ text: "b" })).toBe("turn-4");
  });
});
