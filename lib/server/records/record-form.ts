// The record page's edit form (no JavaScript needed) to a PATCH body and back: HTML inputs are strings,
// times are Stockholm wall-clock (datetime-local), empty optional fields mean "none". Values that do not
// convert are passed on as they are so the schema names the field in its error.
import { fromLocalParts, toLocalParts } from '@/lib/domain/time';
import { editableFields, type RecordKind, type RecordPatch } from '@/lib/schemas/record-detail';

const TIME_FIELDS = new Set(['occurred_at', 'occurred_to', 'fixed_at', 'assigned_at', 'remediated_at']);
const NUMBER_FIELDS = new Set(['lon', 'lat', 'cost_sek']);
/** Optional in every kind's schema: an empty input clears them. */
const NULLABLE_FIELDS = new Set(['occurred_to', 'fixed_at', 'assigned_at', 'remediated_at', 'cost_sek', 'description', 'proposed_measure', 'public_summary', 'responsible_org_id']);

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2026-05-01T20:00` (Stockholm) → ISO-8601 UTC; anything else unchanged. */
export function stockholmLocalToIso(value: string): string {
  const m = LOCAL.exec(value);
  if (!m) return value;
  return fromLocalParts(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0).toISOString();
}

/** ISO instant → the datetime-local value in Stockholm (`YYYY-MM-DDTHH:mm:ss`, so an unchanged field round-trips). */
export function isoToStockholmLocal(iso: string | null): string {
  if (!iso) return '';
  const p = toLocalParts(new Date(iso));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/**
 * The PATCH body a submitted form means. Only fields the form carries are sent (a checkbox group
 * carries `<name>__present` so that ticking none clears it).
 */
export function patchFromForm(kind: RecordKind, form: FormData): RecordPatch {
  const patch: RecordPatch = {};
  for (const field of editableFields(kind)) {
    if (field === 'reasons') {
      if (form.has('reasons__present')) patch.reasons = form.getAll('reasons').map(String);
      continue;
    }
    if (field === 'offensive') {
      if (form.has('offensive__present')) patch.offensive = form.get('offensive') === 'true';
      continue;
    }
    const raw = form.get(field);
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    if (value === '' && NULLABLE_FIELDS.has(field)) {
      patch[field] = null;
    } else if (TIME_FIELDS.has(field)) {
      patch[field] = stockholmLocalToIso(value);
    } else if (NUMBER_FIELDS.has(field)) {
      const n = Number(value.replace(',', '.'));
      patch[field] = value !== '' && Number.isFinite(n) ? n : value;
    } else {
      // Text is kept as typed (the schema trims); enums and ids are single tokens.
      patch[field] = raw;
    }
  }
  return patch;
}
