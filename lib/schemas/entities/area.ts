// Areas: the municipality boundary, districts, DeSO/RegSO, neighbourhood-watch and drawn areas.
import { z } from 'zod';
import { AREA_KINDS } from '@/lib/domain/constants';
import {
  enumField,
  multiPolygonSchema,
  municipalityCodeSchema,
  optionalTextField,
  polygonalSchema,
  requiredTextField,
  SHORT_TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

export const areaInputSchema = z.object({
  kind: enumField('kind', AREA_KINDS),
  /** Official code where one exists (DeSO, RegSO, district number). */
  code: optionalTextField('code', SHORT_TEXT_MAX),
  name: requiredTextField('name', TITLE_MAX),
  /** Inhabitants, for rates per 1,000 (imported with the outlines). */
  population: z
    .int({ error: 'population must be a whole number or null' })
    .min(0, 'population must not be negative')
    .nullish()
    .transform((v) => v ?? null),
  /** Polygon or MultiPolygon in WGS84; stored and returned as MultiPolygon. */
  geom: polygonalSchema,
});
export type AreaInput = z.infer<typeof areaInputSchema>;

export const areaSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  kind: z.enum(AREA_KINDS),
  code: z.string().nullable(),
  name: z.string(),
  population: z.int().nullable(),
  geom: multiPolygonSchema,
  created_at: timestampSchema,
});
export type Area = z.infer<typeof areaSchema>;
