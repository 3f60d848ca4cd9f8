import 'server-only';
// The EST cadence setting: read by anyone in the loop (reminders, year view); changed by whoever may
// update settings or EST meetings (administrators and the EST group), audited.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { type Cadence, CADENCE_SETTING_KEY, cadenceSchema, parseCadence } from '@/lib/schemas/cadence';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden } from '@/lib/server/auth/errors';
// Types only from loop-access: it loads the session code (next/navigation), which `lagesbild notify`
// (this module's other user) cannot load outside Next.
import type { LoopAccess } from '@/lib/server/pledges/loop-access';
import { can } from '@/lib/server/permissions/permission-table';
import { viewerRoles } from '@/lib/server/permissions/viewer';

export async function getCadence(db: Kysely<Database>, municipalityCode: string): Promise<Cadence> {
  const row = await db.selectFrom('setting').select('value').where('municipality_code', '=', municipalityCode).where('key', '=', CADENCE_SETTING_KEY).executeTakeFirst();
  return parseCadence(row?.value);
}

export function mayChangeCadence(access: LoopAccess): boolean {
  const roles = viewerRoles(access.viewer);
  return can(roles, 'update', 'setting') || can(roles, 'update', 'est_meeting');
}

export async function saveCadence(access: LoopAccess, input: unknown): Promise<Cadence> {
  if (!mayChangeCadence(access)) {
    await recordDenied(access.db, { actor: access.viewer.actor, resource: 'setting', municipalityCode: access.municipalityCode, reason: 'role may not change the cadence' });
    throw forbidden();
  }
  const cadence = parseCadenceStrict(input);
  await access.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('setting')
      .values({ municipality_code: access.municipalityCode, key: CADENCE_SETTING_KEY, value: JSON.stringify(cadence) })
      .onConflict((oc) => oc.columns(['municipality_code', 'key']).doUpdateSet({ value: JSON.stringify(cadence), updated_at: new Date() }))
      .execute();
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: 'setting', municipalityCode: access.municipalityCode, details: { key: CADENCE_SETTING_KEY, value: cadence } });
  });
  return cadence;
}

function parseCadenceStrict(input: unknown): Cadence {
  const v = cadenceSchema.parse(input);
  return { ...v, follow_up_quarters: [...new Set(v.follow_up_quarters)].sort() };
}
