// Categories are shared by all municipalities (seeded from lib/domain), so these take no tenant.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { type Category, categorySchema } from '@/lib/schemas/entities/category';
import { NotFoundError } from './errors';

const COLUMNS = ['key', 'kind', 'group_key', 'label_sv', 'label_en', 'severity_weight', 'sensitivity', 'sort_order'] as const;

export async function getCategory(db: Kysely<Database>, key: string): Promise<Category> {
  const row = await db.selectFrom('category').select(COLUMNS).where('key', '=', key).executeTakeFirst();
  if (!row) throw new NotFoundError('category', key);
  return categorySchema.parse(row);
}

export async function listCategories(db: Kysely<Database>): Promise<Category[]> {
  const rows = await db.selectFrom('category').select(COLUMNS).orderBy('sort_order').orderBy('key').execute();
  return rows.map((row) => categorySchema.parse(row));
}
