import 'server-only';
// A resident's report of a place (DESIGN.md §8): validated field by field, inside the municipality, the
// honeypot empty, within the per-client rate limit, the photo re-encoded without its metadata; stored
// with the SHA-256 of a fresh status token, which goes back to the reporter once and nowhere else.
// Nothing about the reporter is kept but what they chose to give.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findDistrictPoint, insertCitizenReport, isInsideMunicipality } from '@/db/queries/citizen-reports/citizen-reports';
import type { Database } from '@/db/schema';
import { citizenReportInputSchema } from '@/lib/schemas/entities/citizen-report';
import { appendAuditEvent } from '../audit/append-audit-event';
import { HttpError } from '../auth/errors';
import { clientAddress } from '../auth/throttle';
import { countSubmission } from '../citizen-reports/rate-limit';
import { createStatusToken, statusPath } from '../citizen-reports/status-token';
import { PHOTO_MAX_BYTES, PhotoRefusedError, stripPhoto } from '../citizen-reports/strip-photo';
import { getDb } from '../db';
import { getDefaultMunicipalityCode } from '../situation/get-staff-context';

/** The honeypot's field name: a visually hidden, aria-hidden, untabbable input labelled "leave empty". */
export const HONEYPOT_FIELD = 'webbplats';

const coordinate = (field: string, min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
    z.number({ error: `${field} must be a number` }).min(min, `${field} is outside the map`).max(max, `${field} is outside the map`).optional(),
  );

const formSchema = z
  .object({
    category: z.string({ error: 'category is required' }),
    body: z.string({ error: 'body is required' }),
    lon: coordinate('lon', -180, 180),
    lat: coordinate('lat', -90, 90),
    area_id: z.string().trim().optional(),
    contact_name: z.string().optional(),
    contact_email: z.string().optional(),
    contact_phone: z.string().optional(),
    [HONEYPOT_FIELD]: z.string().optional(),
  })
  .refine((v) => (v.lon !== undefined && v.lat !== undefined) || (v.area_id ?? '') !== '', { path: ['lon'], message: 'choose the place on the map or an area from the list' });

export interface SubmittedReport {
  token: string;
  statusPath: string;
}

export interface SubmitOptions {
  municipalityCode: string;
  clientAddress: string;
  now: Date;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, 'invalid_report', message);
}

/** Validates and stores one report; throws HttpError (400, 413, 429) or ZodError with the field named. */
export async function submitCitizenReport(db: Kysely<Database>, fields: Record<string, string>, photo: Uint8Array | null, o: SubmitOptions): Promise<SubmittedReport> {
  const form = formSchema.parse(fields);
  // A filled honeypot is a robot; screen-reader and keyboard users never reach the field.
  if ((form[HONEYPOT_FIELD] ?? '').trim() !== '') throw badRequest(`the field "${HONEYPOT_FIELD}" must be left empty`);
  const rate = await countSubmission(db, { clientAddress: o.clientAddress, now: o.now });
  if (!rate.allowed) throw new HttpError(429, 'rate_limited', `Too many reports from this connection: try again in ${Math.ceil(rate.retryAfterSeconds / 60)} minutes.`);

  let place: { lon: number; lat: number } | null = form.lon !== undefined && form.lat !== undefined ? { lon: form.lon, lat: form.lat } : null;
  if (!place && form.area_id) {
    place = z.guid().safeParse(form.area_id).success ? await findDistrictPoint(db, o.municipalityCode, form.area_id) : null;
    if (!place) throw badRequest('area_id is not an area of this municipality');
  }
  if (!place || !(await isInsideMunicipality(db, o.municipalityCode, place.lon, place.lat))) throw badRequest('the place must be inside the municipality');

  const input = citizenReportInputSchema.parse({
    category: form.category,
    geom: { type: 'Point', coordinates: [place.lon, place.lat] },
    body: form.body,
    contact_name: form.contact_name,
    contact_email: form.contact_email,
    contact_phone: form.contact_phone,
  });
  let stripped = null;
  if (photo && photo.byteLength > 0) {
    try {
      stripped = await stripPhoto(photo);
    } catch (err) {
      if (err instanceof PhotoRefusedError) throw photo.byteLength > PHOTO_MAX_BYTES ? new HttpError(413, 'photo_too_large', err.message) : badRequest(err.message);
      throw err;
    }
  }
  const { token, hash } = createStatusToken();
  await db.transaction().execute(async (trx) => {
    const id = await insertCitizenReport(
      trx,
      {
        municipalityCode: o.municipalityCode,
        category: input.category,
        lon: place.lon,
        lat: place.lat,
        body: input.body,
        contactName: input.contact_name,
        contactEmail: input.contact_email,
        contactPhone: input.contact_phone,
        statusTokenHash: hash,
        now: o.now,
      },
      stripped,
    );
    // No content, contact or address in the log: only that a report arrived and what it carries.
    await appendAuditEvent(trx, {
      actor: 'public',
      action: 'create',
      resource: 'citizen_report',
      municipalityCode: o.municipalityCode,
      details: { category: input.category, photo: stripped !== null, contact: Boolean(input.contact_name || input.contact_email || input.contact_phone) },
      ids: [id],
      at: o.now,
    });
  });
  return { token, statusPath: statusPath(token) };
}

/** For the public route: the configured municipality, the client's address from the proxy headers. */
export async function submitCitizenReportFromRequest(request: Request): Promise<SubmittedReport> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the report as a form (multipart/form-data).');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > PHOTO_MAX_BYTES + 64 * 1024) throw new HttpError(413, 'payload_too_large', `The report must be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB with its photo.`);
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    throw badRequest('the form could not be read');
  }
  const fields: Record<string, string> = {};
  let photo: Uint8Array | null = null;
  for (const [key, value] of data.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'photo' && value.size > 0) {
      if (value.size > PHOTO_MAX_BYTES) throw new HttpError(413, 'photo_too_large', `photo must be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`);
      photo = new Uint8Array(await value.arrayBuffer());
    }
  }
  return submitCitizenReport(await getDb(), fields, photo, { municipalityCode: getDefaultMunicipalityCode(), clientAddress: clientAddress(request.headers), now: new Date() });
}
