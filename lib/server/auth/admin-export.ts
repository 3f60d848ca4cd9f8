import 'server-only';
import type { AuditQuery } from '@/lib/schemas/auth';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import { AdminRefusedError, exportAdminAuditCsv, findAdmin } from './admin';
import { forbidden, unauthorized } from './errors';
import { getSignedInUser } from './session';

/** The CSV export behind the API route: 401 signed out, 403 (audited) when not an administrator. */
export async function exportAuditCsvForRequest(requestHeaders: Headers, query: AuditQuery): Promise<string> {
  const admin = await findAdmin(requestHeaders);
  if (!admin) {
    const user = await getSignedInUser(requestHeaders);
    if (!user) throw unauthorized();
    await appendAuditEvent(await getDb(), { actor: user.email, action: 'denied', resource: 'audit_log', details: { reason: 'role', export: true } });
    throw forbidden();
  }
  try {
    return await exportAdminAuditCsv(admin, query);
  } catch (err) {
    if (err instanceof AdminRefusedError) throw forbidden();
    throw err;
  }
}
