// Errors the entity queries throw on purpose; the API wrapper maps them: NotFoundError → 404,
// InvalidReferenceError → 400, ConstraintViolationError → 409 for 'unique', else 400.

/** No row with this id in this municipality (a row of another tenant is "not found" too). */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly municipalityCode?: string,
  ) {
    super(`${entity} ${id} was not found${municipalityCode ? ` in municipality ${municipalityCode}` : ''}`);
    this.name = 'NotFoundError';
  }
}

/** An input field points at a row that does not exist in the same municipality. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly field: string,
    readonly entity: string,
    readonly id: string,
    readonly municipalityCode: string,
  ) {
    super(`${field}: ${entity} ${id} does not exist in municipality ${municipalityCode}`);
    this.name = 'InvalidReferenceError';
  }
}

const SQLSTATE_KINDS = {
  '23505': 'unique',
  '23514': 'check',
  '23503': 'foreign_key',
  '23502': 'not_null',
} as const;

export type ConstraintKind = (typeof SQLSTATE_KINDS)[keyof typeof SQLSTATE_KINDS];

/**
 * A row the database refused (a duplicate, a self-intersecting polygon that passed zod, …). Carries the
 * constraint and column the database named, so the API can say which field to fix; never the row itself.
 */
export class ConstraintViolationError extends Error {
  constructor(
    readonly kind: ConstraintKind,
    readonly table: string | null,
    readonly constraint: string | null,
    readonly column: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ConstraintViolationError';
  }
}

interface DriverError {
  code?: unknown;
  table?: unknown;
  constraint?: unknown;
  column?: unknown;
  message?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The ConstraintViolationError for a pg/PGlite constraint error (same fields on both), else `err` itself. */
export function toConstraintViolation(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const e = err as DriverError;
  const kind = typeof e.code === 'string' ? SQLSTATE_KINDS[e.code as keyof typeof SQLSTATE_KINDS] : undefined;
  if (!kind) return err;
  const violation = new ConstraintViolationError(kind, text(e.table), text(e.constraint), text(e.column), String(e.message ?? 'constraint violated'));
  violation.cause = err;
  return violation;
}
