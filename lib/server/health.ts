import 'server-only';
import { sql } from 'kysely';
import { getDatabaseHandle, getDatabaseState, type DatabaseState } from './db';

const COUNTED_TABLES = [
  'municipality',
  'organisation',
  'area',
  'incident',
  'unsafe_place',
  'vandalism_report',
  'safety_walk',
  'citizen_report',
  'audit_event',
] as const;

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
  const select = COUNTED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ');
  const { rows } = await sql<Record<string, number>>`${sql.raw(`SELECT ${select}`)}`.execute(db);
  return { ...base, counts: rows[0] };
}
