import 'server-only';
// The admin page's use of the disclosure core: publication reports and publishing a quarter, for the
// municipalities the signed-in user administers, every step in the audit log.
import { z } from 'zod';
import { AdminRefusedError, type AdminContext } from '@/lib/server/auth/admin';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import { listPublicationReport, type PublicationReportRow } from './list-publication-report';
import { publishQuarter, type PublishQuarterResult } from './publish-quarter';

export const publishQuarterFormSchema = z.object({
  municipality_code: z.string().regex(/^\d{4}$/, { error: 'municipality_code must be a 4-digit kommunkod' }),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'quarter must look like 2026-Q3' }),
  audience: z.enum(['public', 'council', 'partner']),
  dry_run: z.boolean(),
  changelog: z.string().trim().max(2000).optional(),
});
export type PublishQuarterForm = z.infer<typeof publishQuarterFormSchema>;

export interface AdminPublicationReport {
  municipalityCode: string;
  audience: 'public' | 'council' | 'partner';
  rows: PublicationReportRow[];
}

/** Every publication of the admin's municipalities, per audience, oldest first. */
export async function listPublicationReportsAsAdmin(admin: AdminContext): Promise<AdminPublicationReport[]> {
  const db = await getDb();
  const reports: AdminPublicationReport[] = [];
  for (const municipalityCode of admin.municipalities) {
    for (const audience of ['public', 'council', 'partner'] as const) {
      reports.push({ municipalityCode, audience, rows: await listPublicationReport(db, { municipalityCode, audience }) });
    }
  }
  await appendAuditEvent(db, {
    actor: admin.user.email,
    action: 'read',
    resource: 'publication_report',
    details: { municipalities: admin.municipalities },
    resultCount: reports.reduce((n, r) => n + r.rows.length, 0),
  });
  return reports;
}

/** Computes, audits and (unless a dry run) freezes a quarter; refusals throw PublicationRefusedError. */
export async function publishQuarterAsAdmin(admin: AdminContext, input: unknown, now: Date): Promise<PublishQuarterResult> {
  const form = publishQuarterFormSchema.parse(input);
  const db = await getDb();
  if (!admin.municipalities.includes(form.municipality_code)) {
    await appendAuditEvent(db, {
      actor: admin.user.email,
      action: 'denied',
      resource: 'publication',
      municipalityCode: form.municipality_code,
      details: { reason: 'not admin in municipality' },
    });
    throw new AdminRefusedError(`You are not an administrator in ${form.municipality_code}`);
  }
  const result = await publishQuarter(db, {
    municipalityCode: form.municipality_code,
    audience: form.audience,
    quarter: form.quarter,
    now,
    createdBy: admin.user.email,
    changelog: form.changelog || undefined,
    dryRun: form.dry_run,
  });
  await appendAuditEvent(db, {
    actor: admin.user.email,
    action: form.dry_run ? 'read' : 'create',
    resource: 'publication',
    municipalityCode: form.municipality_code,
    details: { quarter: form.quarter, audience: form.audience, dryRun: form.dry_run, version: result.version, publicationId: result.publicationId },
    resultCount: result.publishedCells,
  });
  return result;
}
