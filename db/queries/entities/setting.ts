import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Setting, settingInputSchema, settingSchema } from '@/lib/schemas/entities/setting';
import { NotFoundError } from './errors';
import { mapConstraintErrors, toIso } from './reshape';

export async function createSetting(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof settingInputSchema>): Promise<Setting> {
  const v = settingInputSchema.parse(input);
  await mapConstraintErrors(
    db
      .insertInto('setting')
      .values({ municipality_code: municipalityCode, key: v.key, value: JSON.stringify(v.value) })
      .execute(),
  );
  return getSetting(db, municipalityCode, v.key);
}

export async function getSetting(db: Kysely<Database>, municipalityCode: string, key: string): Promise<Setting> {
  const row = await db
    .selectFrom('setting')
    .select(['municipality_code', 'key', 'value', 'updated_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('setting', key, municipalityCode);
  return settingSchema.parse({ ...row, updated_at: toIso(row.updated_at) });
}
