// What an import's validation needs to know of one municipality: category keys and labels, the
// organisations (responsible for vandalism), and the areas (survey results are per area).
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

export interface ImportContextRows {
  categories: { key: string; label_sv: string; label_en: string; sensitivity: string }[];
  organisations: { id: string; name: string }[];
  areas: { id: string; name: string; code: string | null; kind: string }[];
}

export async function listImportContext(db: Kysely<Database>, municipalityCode: string): Promise<ImportContextRows> {
  const [categories, organisations, areas] = await Promise.all([
    db.selectFrom('category').select(['key', 'label_sv', 'label_en', 'sensitivity']).orderBy('sort_order').execute(),
    db.selectFrom('organisation').select(['id', 'name']).where('municipality_code', '=', municipalityCode).orderBy('name').execute(),
    db.selectFrom('area').select(['id', 'name', 'code', 'kind']).where('municipality_code', '=', municipalityCode).orderBy('name').execute(),
  ]);
  return { categories, organisations, areas };
}
