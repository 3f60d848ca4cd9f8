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

/** Hex digits' character codes of each byte value: high digit at 2b, low at 2b + 1. */
const HEX_CODES = (() => {
  const codes = new Uint8Array(512);
  for (let b = 0; b < 256; b++) {
    const hex = b.toString(16).padStart(2, '0');
    codes[2 * b] = hex.charCodeAt(0);
    codes[2 * b + 1] = hex.charCodeAt(1);
  }
  return codes;
})();
const UUID_TEXT_BYTES = 36;
/** Where the hex digits of each of the 16 bytes start in the text (hyphens at 8, 13, 18, 23). */
const HEX_AT = Uint8Array.from([0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]);
const HYPHEN = 0x2d;
const NEWLINE = 0x0a;
/** prefix · 2^18 + index stays an exact float64 for a 32-bit prefix: one native sort for most of the order. */
const INDEX_SPAN = 2 ** 18;

/**
 * idsHash of UUIDs given as their 16 bytes each (the points query's uuid_send): the same hash as
 * idsHash of their lower-case texts, without building a string per id. Lower-case UUID texts sort in
 * the order of their bytes, so the bytes are sorted, written as text into one buffer and hashed
 * (50k texts took 86–124 ms on the loaded bench machine).
 */
export function idsHashOfUuidBytes(uuids: Uint8Array): string {
  if (uuids.length % 16 !== 0) throw new Error(`UUID bytes of length ${uuids.length}: not a multiple of 16`);
  const n = uuids.length / 16;
  const order = uuidByteOrder(uuids, n);
  const text = new Uint8Array(n ? n * (UUID_TEXT_BYTES + 1) - 1 : 0);
  for (let j = 0; j < n; j++) {
    const at = j * (UUID_TEXT_BYTES + 1);
    const base = order[j] * 16;
    for (let k = 0; k < 16; k++) {
      const b = uuids[base + k];
      text[at + HEX_AT[k]] = HEX_CODES[2 * b];
      text[at + HEX_AT[k] + 1] = HEX_CODES[2 * b + 1];
    }
    text[at + 8] = text[at + 13] = text[at + 18] = text[at + 23] = HYPHEN;
    if (j + 1 < n) text[at + UUID_TEXT_BYTES] = NEWLINE;
  }
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Indexes of the 16-byte UUIDs in byte order: native sorts of 4-byte keys, a key at a time. A run that
 * shares the key so far is ordered by the next 4 bytes (only where the run's keys differ), so ids that
 * share long prefixes (time-ordered v7 ids, sequential ones) cost a scan per shared key, not a
 * comparator sort.
 */
function uuidByteOrder(uuids: Uint8Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  sortUuidRun(new DataView(uuids.buffer, uuids.byteOffset, uuids.byteLength), order, 0, n, 0);
  return order;
}

function sortUuidRun(view: DataView, order: Uint32Array, start: number, end: number, byte: number): void {
  if (end - start < 2 || byte >= 16) return;
  const key = (j: number) => view.getUint32(order[j] * 16 + byte);
  const first = key(start);
  let same = true;
  for (let j = start + 1; j < end && same; j++) same = key(j) === first;
  if (same) return sortUuidRun(view, order, start, end, byte + 4);
  const len = end - start;
  if (len > INDEX_SPAN) {
    // Too many for key · 2^18 + index: compare the remaining bytes.
    const compare = (a: number, b: number) => {
      for (let k = byte; k < 16; k += 4) {
        const d = view.getUint32(a * 16 + k) - view.getUint32(b * 16 + k);
        if (d !== 0) return d;
      }
      return 0;
    };
    order.subarray(start, end).sort(compare);
    return;
  }
  const keys = new Float64Array(len);
  for (let j = 0; j < len; j++) keys[j] = key(start + j) * INDEX_SPAN + j;
  keys.sort();
  const run = order.slice(start, end);
  for (let j = 0; j < len; j++) order[start + j] = run[keys[j] % INDEX_SPAN];
  for (let a = 0; a < len; ) {
    const prefix = Math.floor(keys[a] / INDEX_SPAN);
    let b = a + 1;
    while (b < len && Math.floor(keys[b] / INDEX_SPAN) === prefix) b++;
    if (b - a > 1) sortUuidRun(view, order, start + a, start + b, byte + 4);
    a = b;
  }
}
