import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

// pglite-prisma-adapter (0.7.2) reports a transaction whose COMMIT fails as committed: the promise
// its commit() awaits has the failure caught and dropped. A deferred constraint, or a write that
// cannot reach the disk, would then answer "saved" for data that is not there. This wraps the
// adapter so commit() awaits PGlite's own transaction promise, which rejects when COMMIT does.

interface TransactionLike {
  txResultPromise: Promise<unknown>;
}
type Inner = (conn: PGlite, options: unknown) => Promise<TransactionLike>;

export function createPgliteAdapter(pglite: PGlite): SqlDriverAdapterFactory {
  const factory = new PrismaPGlite(pglite);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      const target = adapter as unknown as { startTransactionInner: Inner };
      const inner = target.startTransactionInner.bind(adapter);
      target.startTransactionInner = async (conn, options) => {
        let outcome: Promise<unknown> | undefined;
        const watched = {
          transaction: (work: Parameters<PGlite["transaction"]>[0]) => {
            outcome = conn.transaction(work);
            return outcome;
          },
        } as unknown as PGlite;
        const transaction = await inner(watched, options);
        if (outcome) {
          outcome.catch(() => {}); // observed by commit() and rollback(); never left unhandled
          transaction.txResultPromise = outcome;
        }
        return transaction;
      };
      return adapter;
    },
  };
}
