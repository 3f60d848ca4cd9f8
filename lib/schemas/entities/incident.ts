// Incidents (händelser): crimes and observations with a time (or window) and an exact point.
import { z } from 'zod';
import { CATEGORIES, type Sensitivity } from '@/lib/domain/categories';
import { INCIDENT_SOURCES, VISIBILITIES, type Visibility } from '@/lib/domain/constants';
import {
  enumField,
  isNotBefore,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  optionalTimestampField,
  pointSchema,
  SHORT_TEXT_MAX,
  TEXT_MAX,
  timestampField,
  timestampSchema,
  uuidSchema,
} from '../common';
import { categoryKeyField } from './category';

/**
 * Sensitivity caps visibility (DESIGN.md §2): sensitive records never reach partners, police-only
 * records stay restricted. Returns the message for a visibility that is not allowed, else null.
 */
function findVisibilityCapIssue(sensitivity: Sensitivity, visibility: Visibility): string | null {
  if (sensitivity === 'police-only' && visibility !== 'restricted') return 'visibility must be restricted for a police-only category';
  if (sensitivity === 'sensitive' && visibility === 'partners') return 'visibility must not be partners for a sensitive category';
  return null;
}

/** Internal text: staff only, never shown to council or public. */
export const incidentInternalTextFields = ['description', 'external_id'] as const;

export const incidentInputSchema = z
  .object({
    category_key: categoryKeyField('category_key'),
    occurred_at: timestampField('occurred_at'),
    /** End of the time window when the exact time is unknown (e.g. a burglary over a weekend). */
    occurred_to: optionalTimestampField('occurred_to'),
    geom: pointSchema,
    source: enumField('source', INCIDENT_SOURCES),
    origin_org_id: optionalIdField('origin_org_id'),
    visibility: enumField('visibility', VISIBILITIES).default('joint'),
    /** Id in the source system, unique per municipality and source (imports are idempotent). */
    external_id: optionalTextField('external_id', SHORT_TEXT_MAX),
    description: optionalTextField('description', TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.occurred_to !== null && !isNotBefore(v.occurred_to, v.occurred_at)) {
      ctx.addIssue({ code: 'custom', path: ['occurred_to'], message: 'occurred_to must not be before occurred_at' });
    }
    // An unknown key has its own issue already (category_key's refinement does not abort the object).
    const category = CATEGORIES.find((c) => c.key === v.category_key);
    const capped = category ? findVisibilityCapIssue(category.sensitivity, v.visibility) : null;
    if (capped) ctx.addIssue({ code: 'custom', path: ['visibility'], message: capped });
  });
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export const incidentSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  category_key: z.string(),
  occurred_at: timestampSchema,
  occurred_to: timestampSchema.nullable(),
  geom: pointSchema,
  source: z.enum(INCIDENT_SOURCES),
  origin_org_id: uuidSchema.nullable(),
  visibility: z.enum(VISIBILITIES),
  external_id: z.string().nullable(),
  description: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Incident = z.infer<typeof incidentSchema>;
