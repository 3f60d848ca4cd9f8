// Opens the database as the server starts, so the first page finds it warming up instead of
// waiting 10-25 s for PGlite. Never during `next build`: the build must not touch the data folder.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/server/startup');
  startServer();
}
