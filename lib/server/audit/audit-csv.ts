import 'server-only';
import type { AuditChainRow } from '@/db/queries/audit/audit-chain';

const HEADER = ['id', 'occurred_at', 'municipality_code', 'actor', 'action', 'resource', 'result_count', 'ids_hash', 'details', 'prev_hash', 'hash'];

/**
 * One CSV cell: quoted, and a leading = + - @ (or tab / carriage return) neutralised with an
 * apostrophe so a spreadsheet never runs it as a formula (OWASP CSV injection).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function auditCsvHeader(): string {
  return `${HEADER.join(',')}\r\n`;
}

export function auditCsvLine(row: AuditChainRow): string {
  return `${[row.id, row.occurred_at, row.municipality_code, row.actor, row.action, row.resource, row.result_count, row.ids_hash, row.details, row.prev_hash, row.hash].map(csvCell).join(',')}\r\n`;
}
