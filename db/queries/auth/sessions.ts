// Which municipalities a user holds roles in (for picking the one the staff pages show).
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { withAuthTables } from './tables';

export async function listUserMunicipalities(db: Kysely<Database>, userId: string): Promise<{ code: string; name: string }[]> {
  return withAuthTables(db)
    .selectFrom('role_membership as m')
    .innerJoin('municipality as mu', 'mu.code', 'm.municipality_code')
    .select(['mu.code', 'mu.name'])
    .distinct()
    .where('m.user_id', '=', userId)
    .orderBy('mu.code')
    .execute();
}
