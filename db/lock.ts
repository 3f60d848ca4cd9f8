// One owner per embedded data folder: two PGlite processes writing one folder silently lose
// committed rows. The lock file holds the owner's pid; a stale lock (dead pid) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'lagesbild.lock';

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holderPid} (${holderCommand}). ` +
        `Stop that process, or set DATABASE_URL to use a PostgreSQL server that several processes can share.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

interface LockContent {
  pid: number;
  command: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

/** Takes the folder's lock for this process; returns a release function. Throws DataFolderLockedError. */
export function acquireDataFolderLock(dataDir: string, command = process.argv.slice(1).join(' ') || 'node'): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, command: command.slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (holder && holder.pid === process.pid) {
        throw new DataFolderLockedError(dataDir, holder.pid, `${holder.command} — this same process opened it twice`);
      }
      if (holder && isAlive(holder.pid)) throw new DataFolderLockedError(dataDir, holder.pid, holder.command);
      // Stale (owner died or file half-written): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}: another process keeps creating it.`);
}

/** Throws DataFolderLockedError when a live process holds the folder; takes nothing. A cheap early check for CLIs. */
export function assertDataFolderFree(dataDir: string): void {
  const holder = readLock(path.join(dataDir, LOCK_FILE));
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataFolderLockedError(dataDir, holder.pid, holder.command);
}
