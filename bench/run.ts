// `npm run bench`: every benchmark in turn, each printing its own table. Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES = [
  { file: 'load.ts', what: 'synthetic load into PostgreSQL (100k, 1M) and PGlite (100k)' },
  { file: 'analysis.ts', what: 'analysis library: binning, Gi*, DBSCAN, emerging hot spots' },
  { file: 'import.ts', what: 'CSV import of 100k incidents (parse, validate, one transaction) on PostgreSQL and PGlite, then the same file again' },
  { file: 'hotspots-db.ts', what: 'hot spots from the incident table: SQL binning + Gi*, chunked DBSCAN, emerging, vs PostGIS baselines' },
  { file: 'map.ts', what: 'the staff map over HTTP against next start (needs `npm run build`): one-year view, 50k viewport, bbox API at 1/5/20 clients, PostgreSQL 1M and PGlite 100k' },
];

const only = process.argv.slice(2);
let failed = 0;
for (const b of BENCHES) {
  if (only.length && !only.some((o) => b.file.startsWith(o))) continue;
  console.log(`\n### bench/${b.file} — ${b.what}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', b.file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${b.file} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
