// Every turn carries an id the desk keeps with its answer. When a turn fails the desk may still have
// taken it (the connection dropped on the way back); sent again under the same id, the desk replays
// its answer instead of adding the visitor's words twice.

type RandomSource = Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string };

/** A new turn id: a UUID, or 32 hex digits where randomUUID is missing (pages served over http). */
export function newTurnId(random: RandomSource = crypto): string {
  if (typeof random.randomUUID === "function") return random.randomUUID();
  return Array.from(random.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Turn ids with one failed turn kept for a retry: the same body sent again (the same text put back
 * in the input, the same button or form) goes under the failed turn's id; anything else gets a new one.
 */
export function createTurnIds(makeId: () => string = () => newTurnId()) {
  let retry: { turnId: string; fingerprint: string } | null = null;
  return {
    idFor(body: object): string {
      return retry?.fingerprint === JSON.stringify(body) ? retry.turnId : makeId();
    },
    failed(body: object, turnId: string): void {
      retry = { turnId, fingerprint: JSON.stringify(body) };
    },
    /** After a turn went through, or when its session is gone (an id belongs to its session). */
    forget(): void {
      retry = null;
    },
  };
}
