import { redirect } from 'next/navigation';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The first page is the staff situational map; parameters (filters, ?lang=) go along.
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') params.set(k, v);
  redirect(params.size ? `/karta?${params.toString()}` : '/karta');
}
