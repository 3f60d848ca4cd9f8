import 'server-only';

/**
 * What the staff map shows before sign-in exists: categories of sensitivity 'normal' only, records
 * of visibility 'joint' or 'partners' only — never 'restricted' records, never 'sensitive' or
 * 'police-only' categories. TODO(#3): replace with the permission table once users, roles and
 * organisations sign in (each user then sees exactly what DESIGN.md §2 allows them).
 */
export const PROVISIONAL_SCOPE = {
  sensitivities: ['normal'] as const,
  visibilities: ['joint', 'partners'] as const,
};

/** Most points one request returns; more set the pack's truncated flag (aggregates take over in #5). */
export const MAX_POINTS_PER_REQUEST = 200_000;
