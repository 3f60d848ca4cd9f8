// Categories of the record page's edit form: those of the sensitivities the editor may see.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';

export async function listCategoriesOfSensitivities(db: Kysely<Database>, sensitivities: readonly string[]) {
  if (sensitivities.length === 0) return [];
  return db.selectFrom('category').select(['key', 'label_sv', 'label_en', 'sensitivity']).where('sensitivity', 'in', sensitivities).orderBy('sort_order').orderBy('key').execute();
}

