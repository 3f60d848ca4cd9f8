// Per-municipality settings (analysis cadence, cleanup targets, basemap style …) as JSON values.
import { z } from 'zod';
import { municipalityCodeSchema, timestampSchema } from '../common';

const SETTING_KEY_MAX = 100;

export const settingKeySchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'key is required' : 'key must be text') })
  .max(SETTING_KEY_MAX, `key must be at most ${SETTING_KEY_MAX} characters`)
  .regex(/^[a-z][a-z0-9_.]*$/, 'key must start with a-z and hold only a-z, 0-9, _ and . (e.g. cleanup.offensive_graffiti_hours)');

export const settingInputSchema = z.object({
  key: settingKeySchema,
  value: z.json({ error: 'value must be JSON' }),
});
export type SettingInput = z.infer<typeof settingInputSchema>;

export const settingSchema = z.object({
  municipality_code: municipalityCodeSchema,
  key: z.string(),
  value: z.json(),
  updated_at: timestampSchema,
});
export type Setting = z.infer<typeof settingSchema>;
