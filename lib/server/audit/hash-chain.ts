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
  return sha256Hex(ids.map(String).sort().join('\n'));
}
