#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then serve the app on
// PORT (default 3000). The embedded database is migrated and, on first start, loaded with demo data
// by the server itself (lib/server/startup.ts).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const t0 = Date.now();
const SOURCES = ['app', 'lib', 'db', 'public', 'instrumentation.ts', 'next.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', '.next', '.data', 'fixtures']);
const stampFile = path.join(root, '.next', 'lagesbild-source-stamp');

function walk(p, out) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
  } else if (!p.endsWith('maplibre-gl-worker.mjs') && !/\.(test|int\.test)\.ts$/.test(p)) {
    out.push(`${path.relative(root, p)}:${st.size}:${Math.round(st.mtimeMs)}`);
  }
}

/** Fingerprint of what the build is made from (names, sizes, mtimes). */
function sourceStamp() {
  const files = [];
  for (const s of SOURCES) walk(path.join(root, s), files);
  return crypto.createHash('sha256').update(files.join('\n')).digest('hex');
}

const stamp = sourceStamp();
const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
if (!built) {
  console.log('Lägesbild: building the app (first start or changed sources) …');
  const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'copy-assets.mjs')], { stdio: 'inherit', cwd: root });
  if (res.status !== 0) process.exit(res.status ?? 1);
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) {
    console.error('Lägesbild: the build failed (see above).');
    process.exit(build.status ?? 1);
  }
  // The analysis worker threads, compiled to .mjs (next start has no TypeScript loader).
  const workers = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-workers.mjs')], { stdio: 'inherit', cwd: root });
  if (workers.status !== 0) process.exit(workers.status ?? 1);
  fs.writeFileSync(stampFile, stamp);
  console.log(`Lägesbild: built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const port = process.env.PORT || '3000';
const dataInfo = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${path.resolve(process.env.LAGESBILD_DATA_DIR || '.data')}`;
console.log(`Lägesbild: starting on http://localhost:${port} — database: ${dataInfo}`);
const server = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', port], { stdio: 'inherit', cwd: root, env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
