// Upserts the category catalogue of lib/domain into its table. Idempotent: runs at every start so a
// new category in code reaches existing databases without a migration.
import type { Kysely } from 'kysely';
import { CATEGORIES } from '@/lib/domain/categories';
import type { Database } from '../schema';

export async function syncCategories(db: Kysely<Database>): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('category')
      .values(
        CATEGORIES.map((cat, i) => ({
          key: cat.key,
          kind: cat.kind,
          group_key: cat.group,
          label_sv: cat.labelSv,
          label_en: cat.labelEn,
          severity_weight: cat.severityWeight,
          sensitivity: cat.sensitivity,
          sort_order: i,
        })),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          group_key: eb.ref('excluded.group_key'),
          label_sv: eb.ref('excluded.label_sv'),
          label_en: eb.ref('excluded.label_en'),
          severity_weight: eb.ref('excluded.severity_weight'),
          sensitivity: eb.ref('excluded.sensitivity'),
          sort_order: eb.ref('excluded.sort_order'),
        })),
      )
      .execute();
    const mappings = CATEGORIES.flatMap((cat) => [
      ...cat.policeEventTypes.map((value) => ({ source: 'police_event_type', value, category_key: cat.key })),
      ...cat.crimeCodes.map((value) => ({ source: 'crime_code', value, category_key: cat.key })),
    ]);
    await trx.deleteFrom('category_mapping').execute();
    if (mappings.length) await trx.insertInto('category_mapping').values(mappings).onConflict((oc) => oc.doNothing()).execute();
  });
  return CATEGORIES.length;
}
