import 'server-only';
import type { z } from 'zod';
import { filtersInputFrom, filtersSchema, type MapFilters } from '@/lib/schemas/map-filters';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';

/**
 * The staff map's filters from a request's query string. Invalid parameters answer 400 with the
 * rules they broke only to a signed-in user; signed out, the answer is 401 whatever the parameters
 * (the rules are not public). Valid parameters cost no extra session lookup here: the server module
 * behind the route checks the session and the permission itself.
 */
export async function staffMapFilters(request: Request): Promise<MapFilters>;
/** The same with a route's own schema over the filters (e.g. one that requires the period). */
export async function staffMapFilters<T>(request: Request, schema: z.ZodType<T>): Promise<T>;
export async function staffMapFilters(request: Request, schema: z.ZodType<unknown> = filtersSchema): Promise<unknown> {
  const parsed = schema.safeParse(filtersInputFrom(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  if (!(await getSignedInUser())) throw unauthorized();
  throw parsed.error;
}
