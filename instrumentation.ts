// Next calls register() once when a server starts, before it handles a request: validate the
// environment and make sure the database is reachable and migrated, or stop with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
