import 'server-only';
import { setStartupHook, startDatabase } from './db';

/** Server start: open the database in the background; on a brand-new database, load the demo data. */
export function startServer(): void {
  setStartupHook(async (db, setPhase) => {
    const { maybeSeedDemoOnFirstStart } = await import('./demo-on-first-start');
    await maybeSeedDemoOnFirstStart(db, setPhase);
  });
  startDatabase();
}
