import 'server-only';
// Contact details (and the photo) of a citizen report are deleted a set time after the report closes
// (rejected, merged, or fixed): the setting citizen_report.contact_retention_days, default 90. Runs from
// `lagesbild citizen-reports purge`, and whenever staff open the moderation queue. The clock is passed in.
import type { Kysely } from 'kysely';
import { purgeClosedReportContacts } from '@/db/queries/citizen-reports/citizen-reports';
import type { Database } from '@/db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { getContactRetentionDays } from './contact-retention';

export interface PurgeResult {
  municipalityCode: string;
  retentionDays: number;
  purged: number;
}

export async function purgeExpiredContactDetails(db: Kysely<Database>, o: { municipalityCode: string; now: Date; actor: string }): Promise<PurgeResult> {
  const retentionDays = await getContactRetentionDays(db, o.municipalityCode);
  const closedBefore = new Date(o.now.getTime() - retentionDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const ids = await purgeClosedReportContacts(trx, { municipalityCode: o.municipalityCode, closedBefore, now: o.now });
    if (ids.length) {
      await appendAuditEvent(trx, { actor: o.actor, action: 'delete', resource: 'citizen_report_contact', municipalityCode: o.municipalityCode, details: { retentionDays, closedBefore: closedBefore.toISOString() }, ids, at: o.now });
    }
    return { municipalityCode: o.municipalityCode, retentionDays, purged: ids.length };
  });
}

/** Every municipality's expired contact details (the CLI command). */
export async function purgeAllExpiredContactDetails(db: Kysely<Database>, o: { now: Date; actor: string }): Promise<PurgeResult[]> {
  const municipalities = await db.selectFrom('municipality').select('code').orderBy('code').execute();
  const out: PurgeResult[] = [];
  for (const m of municipalities) out.push(await purgeExpiredContactDetails(db, { municipalityCode: m.code, now: o.now, actor: o.actor }));
  return out;
}
