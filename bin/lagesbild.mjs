#!/usr/bin/env node
// The `lagesbild` command. Runs the TypeScript CLI through tsx under the `react-server` condition,
// so the same lib/server code the web app uses (guarded by `server-only`) loads here too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

// A busy embedded data folder is reported before TypeScript loads (a second or more on a busy
// machine); db/lock.ts makes the same check, with the same words, when the database is opened.
const DB_COMMANDS = new Set(['migrate', 'seed', 'health', 'publish', 'audit', 'users']);
if (DB_COMMANDS.has(args[0]) && !process.env.DATABASE_URL) {
  const dataDir = path.resolve(process.env.LAGESBILD_DATA_DIR || '.data');
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, 'lagesbild.lock'), 'utf8'));
    let alive = false;
    try {
      process.kill(holder.pid, 0);
      alive = true;
    } catch (err) {
      alive = err.code === 'EPERM';
    }
    if (alive && holder.pid !== process.pid) {
      process.stderr.write(
        `lagesbild: The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}). ` +
          `Stop that process, or set DATABASE_URL to use a PostgreSQL server that several processes can share.\n`,
      );
      process.exit(1);
    }
  } catch {
    // No lock file, or an unreadable one: db/lock.ts decides when the database is opened.
  }
}

const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', `${root}lib/cli/main.ts`, ...args], {
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? `${root}tsconfig.json` },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + 2 : 1);
});
