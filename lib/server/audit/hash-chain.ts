import 'server-only';
// The audit log's chain: hash = sha256(prev_hash || canonical JSON of the row). Changing, removing or
// reordering any row changes every hash after it, which `lagesbild audit verify` detects.
import crypto from 'node:crypto';

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the hash covers: every column but the hash itself. */
export interface ChainedFields {
  id: number;
  municipality_code: string | null;
  occurred_at: Date;
  actor: string;
  action: string;
  resource: string;
  details: unknown;
  result_count: number | null;
  ids_hash: string | null;
  prev_hash: string | null;
}

export function auditRowHash(row: ChainedFields): string {
  // Fields picked by name: a row read back also carries `hash`, which must not hash itself.
  const fields: ChainedFields = {
    id: Number(row.id),
    municipality_code: row.municipality_code,
    occurred_at: row.occurred_at,
    actor: row.actor,
    action: row.action,
    resource: row.resource,
    details: row.details,
    result_count: row.result_count,
    ids_hash: row.ids_hash,
    prev_hash: row.prev_hash,
  };
  return sha256Hex((row.prev_hash ?? '') + canonicalJson(fields));
}

/** A hash of the ids a read returned: sorted, so the same set always gives the same hash. */
export function idsHash(ids: readonly (string | number)[]): string {
  const texts = ids.map(String);
  const sorted = sortedUuids(texts) ?? texts.sort();
  // sha256 of sorted.join('\n'), fed in slices: a 200,000-id read would otherwise build one 7 MB string.
  const hash = crypto.createHash('sha256');
  const SLICE = 4096;
  for (let i = 0; i < sorted.length; i += SLICE) {
    hash.update(sorted.slice(i, i + SLICE).join('\n'), 'utf8');
    if (i + SLICE < sorted.length) hash.update('\n', 'utf8');
  }
  return hash.digest('hex');
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Lower-case UUID texts in the order of the default string sort, through numeric keys: for such texts
 * (fixed length, hyphens in the same places) that order is the order of their hex digits, read as three
 * numbers of at most 48 bits. A string sort of 200,000 ids took over a second on the loaded bench
 * machine (bench/map.ts, one-year view); this takes a fraction. Null when any id is not such a text.
 */
function sortedUuids(texts: string[]): string[] | null {
  const n = texts.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (!UUID_TEXT.test(t)) return null;
    a[i] = parseInt(t.slice(0, 8) + t.slice(9, 13), 16);
    b[i] = parseInt(t.slice(14, 18) + t.slice(19, 23), 16);
    c[i] = parseInt(t.slice(24), 16);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => a[x] - a[y] || b[x] - b[y] || c[x] - c[y]);
  return Array.from(order, (i) => texts[i]);
}
