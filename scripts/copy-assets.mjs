// Copies browser assets that Next's bundlers do not emit into public/ (STACK.md pitfall 1: the
// MapLibre 6 worker). Runs before `next dev` and `next build`; the copies are git-ignored.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ASSETS = [
  { from: 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', to: 'public/maplibre-gl-worker.mjs' },
];

for (const { from, to } of ASSETS) {
  const src = path.join(root, from);
  const dest = path.join(root, to);
  if (!fs.existsSync(src)) {
    console.error(`copy-assets: ${from} is missing: run npm install.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const same = fs.existsSync(dest) && fs.statSync(dest).size === fs.statSync(src).size && fs.readFileSync(dest).equals(fs.readFileSync(src));
  if (!same) fs.copyFileSync(src, dest);
}
