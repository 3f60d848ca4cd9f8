// One Kysely code path over two real databases (DESIGN.md §5): PostgreSQL + PostGIS through `pg`
// when DATABASE_URL is set, else PGlite + PostGIS (WASM) embedded in this process, data in .data/.
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { acquireDataFolderLock } from './lock';
import { migrations } from './migrations';
import { PgliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type Backend = 'pglite' | 'postgres';

/** The driver below Kysely, for what Kysely cannot say: bulk COPY. */
export type RawConnection =
  | { backend: 'postgres'; pool: import('pg').Pool }
  | { backend: 'pglite'; pg: import('@electric-sql/pglite').PGlite };

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  raw: RawConnection;
  /** Where the data lives: the data folder (pglite) or the URL without its password (postgres). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; defaults to DATABASE_URL. When empty, the embedded database is used. */
  databaseUrl?: string;
  /** Embedded data folder; defaults to LAGESBILD_DATA_DIR or ./.data. */
  dataDir?: string;
  /** Run pending migrations after connecting (default true). */
  migrate?: boolean;
}

/** A problem the operator can fix; its message is one line saying what to do. */
export class DatabaseStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseStartupError';
  }
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

export function defaultDataDir(): string {
  return path.resolve(process.env.LAGESBILD_DATA_DIR || '.data');
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * Handles over a PostgreSQL pool: their independent queries run on separate connections and cores. On
 * globalThis: Next bundles this module into more than one chunk (start-up opens the handle, route
 * handlers use it), and each copy must see the same set.
 */
const POOLED = Symbol.for('lagesbild.pooledDatabases');
const pooled: WeakSet<object> = ((globalThis as unknown as Record<symbol, WeakSet<object> | undefined>)[POOLED] ??= new WeakSet<object>());

/**
 * Whether independent read queries on `db` run side by side (a PostgreSQL pool, outside a transaction)
 * rather than one after another (PGlite: one single-threaded connection; a transaction: one connection).
 */
export function readsInParallel(db: Kysely<Database>): boolean {
  return !db.isTransaction && pooled.has(db);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pg = await import('pg');
  const { Pool, types } = pg.default ?? pg;
  // Same JS types as PGlite: counts as numbers, dates as 'YYYY-MM-DD', numeric as numbers.
  const typeParser = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID.int8 || oid === OID.numeric) return (v: string) => (v === null ? null : Number(v));
      if (oid === OID.date) return (v: string) => v;
      return types.getTypeParser(oid, format);
    },
  };
  const pool = new Pool({ connectionString: url, max: Number(process.env.LAGESBILD_PG_POOL || 10), types: typeParser });
  pool.on('error', (err) => console.error(`PostgreSQL pool error: ${err.message}`));
  const location = redactUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseStartupError(
      `Cannot reach PostgreSQL at ${location} (${(err as Error).message}): start the server or fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pooled.add(db);
  return { db, backend: 'postgres', raw: { backend: 'postgres', pool }, location, close: () => db.destroy() };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const release = acquireDataFolderLock(dataDir);
  try {
    const [{ PGlite, types }, { postgis }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-postgis'),
    ]);
    const pg = await PGlite.create({
      dataDir,
      extensions: { postgis },
      parsers: {
        [types.INT8]: (v: string) => Number(v),
        [types.NUMERIC]: (v: string) => Number(v),
        [types.DATE]: (v: string) => v,
      },
    });
    const db = new Kysely<Database>({ dialect: new PgliteDialect(pg) });
    return {
      db,
      backend: 'pglite',
      raw: { backend: 'pglite', pg },
      location: dataDir,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Makes sure PostGIS is there (creating the extension when allowed) and returns its version. */
async function ensurePostgis(handle: DatabaseHandle): Promise<string> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(handle.db);
    const { rows } = await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(handle.db);
    return rows[0].v;
  } catch (err) {
    throw new DatabaseStartupError(
      handle.backend === 'postgres'
        ? `PostGIS is missing in ${handle.location} (${(err as Error).message}): install it (Debian: apt-get install postgresql-15-postgis-3) and run CREATE EXTENSION postgis as a superuser.`
        : `PostGIS could not be loaded into the embedded database (${(err as Error).message}): reinstall dependencies with npm install.`,
    );
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<Database>, steps = 1): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const done: string[] = [];
  for (let i = 0; i < steps; i++) {
    const { error, results } = await migrator.migrateDown();
    if (error) throw new Error(`Migration down failed: ${(error as Error).message}`);
    const r = results?.[0];
    if (!r || r.status === 'NotExecuted') break;
    done.push(r.migrationName);
  }
  return done;
}

/** Opens the database that the environment names, checks PostGIS and (by default) migrates. */
export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle & { postgisVersion: string }> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL ?? '';
  const handle = url ? await openPostgres(url) : await openPglite(options.dataDir ?? defaultDataDir());
  try {
    const postgisVersion = await ensurePostgis(handle);
    if (options.migrate !== false) await migrateToLatest(handle.db);
    return { ...handle, postgisVersion };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}
