import 'server-only';
// How long a closed report keeps the reporter's contact details: the setting
// 'citizen_report.contact_retention_days' (a whole number of days, 1–3650), default 90.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';

export const CONTACT_RETENTION_SETTING = 'citizen_report.contact_retention_days';
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;

export async function getContactRetentionDays(db: Kysely<Database>, municipalityCode: string): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('municipality_code', '=', municipalityCode).where('key', '=', CONTACT_RETENTION_SETTING).executeTakeFirst();
  const v = Number(row?.value);
  return Number.isInteger(v) && v >= 1 && v <= 3650 ? v : DEFAULT_CONTACT_RETENTION_DAYS;
}
