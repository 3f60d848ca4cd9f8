import 'server-only';
import { countRows } from '@/db/queries/health';
import { getDatabaseHandle, getDatabaseState, type DatabaseState } from './db';


export interface Health {
  status: DatabaseState['phase'];
  backend: DatabaseState['backend'];
  postgisVersion: string | null;
  startedAt: string | null;
  readyAt: string | null;
  error: string | null;
  counts: Record<string, number> | null;
}

/** The database's state, and when ready its row counts (one query, cast in SQL: pg returns int8 as text). */
export async function getHealth(): Promise<Health> {
  const state = getDatabaseState();
  const base = {
    status: state.phase,
    backend: state.backend,
    postgisVersion: state.postgisVersion,
    startedAt: state.startedAt,
    readyAt: state.readyAt,
    error: state.error,
  };
  if (state.phase !== 'ready') return { ...base, counts: null };
  const { db } = await getDatabaseHandle();
  return { ...base, counts: await countRows(db) };
}
