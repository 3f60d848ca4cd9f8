// The category catalogue. Seeded into the `category` table by a migration-independent seed step
// (db/seed/categories.ts) so every municipality starts from the same keys; labels in Swedish and English.

export const SENSITIVITIES = ['normal', 'sensitive', 'police-only'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const CATEGORY_KINDS = ['crime', 'observation'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** Category groups are what council and public aggregates are published by. */
export const CATEGORY_GROUPS = ['violence', 'property', 'damage', 'drugs', 'weapons', 'disorder', 'other'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];

export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, { sv: string; en: string }> = {
  violence: { sv: 'Våld och hot', en: 'Violence and threats' },
  property: { sv: 'Stöld och inbrott', en: 'Theft and burglary' },
  damage: { sv: 'Skadegörelse och klotter', en: 'Criminal damage and graffiti' },
  drugs: { sv: 'Narkotika', en: 'Drugs' },
  weapons: { sv: 'Vapen, skjutningar och explosioner', en: 'Weapons, shootings and explosions' },
  disorder: { sv: 'Ordningsstörning', en: 'Public disorder' },
  other: { sv: 'Övrigt', en: 'Other' },
};

export interface CategoryDefinition {
  key: string;
  kind: CategoryKind;
  group: CategoryGroup;
  labelSv: string;
  labelEn: string;
  /** Relative seriousness used by prioritisation (METHODS.md, severity-weighted counts). */
  severityWeight: number;
  sensitivity: Sensitivity;
  /** Event types of the Swedish police events feed (polisen.se/api/events) that map here. */
  policeEventTypes: readonly string[];
  /** Brå crime code prefixes (brottskoder) that map here. */
  crimeCodes: readonly string[];
}

const c = (
  key: string,
  kind: CategoryKind,
  group: CategoryGroup,
  labelSv: string,
  labelEn: string,
  severityWeight: number,
  sensitivity: Sensitivity,
  policeEventTypes: readonly string[] = [],
  crimeCodes: readonly string[] = [],
): CategoryDefinition => ({ key, kind, group, labelSv, labelEn, severityWeight, sensitivity, policeEventTypes, crimeCodes });

export const CATEGORIES: readonly CategoryDefinition[] = [
  c('assault', 'crime', 'violence', 'Misshandel', 'Assault', 3, 'normal', ['Misshandel'], ['0375', '0376', '0377', '0378', '0379', '0380', '0381', '0382', '0383', '0384']),
  c('aggravated_assault', 'crime', 'violence', 'Grov misshandel', 'Aggravated assault', 5, 'normal', ['Misshandel, grov'], ['0385', '0386', '0387', '0388', '0389', '0390']),
  c('robbery', 'crime', 'violence', 'Rån', 'Robbery', 5, 'normal', ['Rån', 'Rån, försök', 'Rån övrigt', 'Rån väpnat'], ['0854', '0855', '0856', '0857', '0858', '0859', '0860', '0861', '0862', '0863']),
  c('threat', 'crime', 'violence', 'Olaga hot', 'Unlawful threat', 3, 'normal', ['Olaga hot'], ['0401', '0402', '0403', '0404']),
  c('harassment', 'crime', 'violence', 'Ofredande', 'Molestation', 2, 'normal', ['Ofredande/förargelse'], ['0405', '0406', '0407', '0408']),
  c('homicide', 'crime', 'violence', 'Mord eller dråp', 'Murder or manslaughter', 10, 'normal', ['Mord/dråp', 'Mord/dråp, försök'], ['0301', '0302', '0303', '0304', '0305', '0306']),
  c('domestic_violence', 'crime', 'violence', 'Våld i nära relation', 'Violence in close relationships', 5, 'sensitive', [], ['0441', '0442', '0443']),
  c('sexual_offence', 'crime', 'violence', 'Sexualbrott', 'Sexual offence', 6, 'sensitive', ['Sedlighetsbrott'], ['0601', '0602', '0603', '0604', '0605', '0606']),
  c('rape', 'crime', 'violence', 'Våldtäkt', 'Rape', 8, 'sensitive', ['Våldtäkt', 'Våldtäkt, försök'], ['0607', '0608', '0609', '0610', '0611', '0612']),
  c('burglary_home', 'crime', 'property', 'Bostadsinbrott', 'Residential burglary', 4, 'normal', ['Inbrott', 'Inbrott, försök', 'Hemfridsbrott'], ['9801', '9802', '9803', '9804', '9805', '9806']),
  c('burglary_other', 'crime', 'property', 'Inbrott i lokal', 'Non-residential burglary', 3, 'normal', ['Stöld/inbrott'], ['0808', '0809', '0810', '0811', '0812', '0813']),
  c('theft', 'crime', 'property', 'Stöld', 'Theft', 2, 'normal', ['Stöld', 'Stöld, försök', 'Häleri', 'Åldringsbrott'], ['0814', '0815', '0816', '0817', '0818']),
  c('shoplifting', 'crime', 'property', 'Butiksstöld', 'Shoplifting', 1, 'normal', [], ['0857']),
  c('bicycle_theft', 'crime', 'property', 'Cykelstöld', 'Bicycle theft', 1, 'normal', [], ['0839', '0840']),
  c('vehicle_theft', 'crime', 'property', 'Fordonsstöld', 'Vehicle theft', 2, 'normal', ['Motorfordon, stöld'], ['0823', '0824', '0825', '0826', '0827', '0828']),
  c('theft_from_vehicle', 'crime', 'property', 'Stöld ur eller från fordon', 'Theft from vehicle', 2, 'normal', [], ['0831', '0832', '0833', '0834']),
  c('fraud', 'crime', 'other', 'Bedrägeri', 'Fraud', 1, 'normal', ['Bedrägeri'], ['0901', '0902', '0903', '0904', '0905']),
  c('vandalism', 'crime', 'damage', 'Skadegörelse', 'Criminal damage', 2, 'normal', ['Skadegörelse'], ['1201', '1202', '1203', '1204', '1205', '1206', '1207']),
  c('graffiti', 'crime', 'damage', 'Klotter', 'Graffiti', 1, 'normal', [], ['1208', '1209', '1210', '1211']),
  c('arson', 'crime', 'damage', 'Anlagd brand', 'Arson', 4, 'normal', ['Brand'], ['1301', '1302', '1303', '1304']),
  c('drug_offence', 'crime', 'drugs', 'Narkotikabrott', 'Drug offence', 2, 'normal', ['Narkotikabrott'], ['5010', '5011', '5012', '5013', '5014']),
  c('weapons_offence', 'crime', 'weapons', 'Vapen- och knivlagsbrott', 'Weapons or knife offence', 3, 'normal', ['Vapenlagen', 'Knivlagen'], ['5801', '5802', '5803', '5804']),
  c('shooting', 'crime', 'weapons', 'Skottlossning', 'Shooting', 9, 'normal', ['Skottlossning', 'Skottlossning, misstänkt'], ['5805']),
  c('explosion', 'crime', 'weapons', 'Explosion eller detonation', 'Explosion or detonation', 9, 'normal', ['Explosion', 'Detonation'], ['1315', '1316']),
  c('trespass', 'crime', 'disorder', 'Olaga intrång', 'Trespass', 2, 'normal', ['Olaga intrång'], ['0409', '0410']),
  c('public_disorder', 'observation', 'disorder', 'Ordningsstörning', 'Public disorder', 1, 'normal', ['Ordningslagen', 'Fylleri/LOB', 'Bråk']),
  c('youth_gathering', 'observation', 'disorder', 'Oroande samling', 'Worrying gathering', 1, 'normal'),
  c('littering', 'observation', 'disorder', 'Nedskräpning', 'Littering', 0.5, 'normal'),
  c('drug_indication', 'observation', 'drugs', 'Tecken på narkotikahandel', 'Signs of drug dealing', 1.5, 'normal'),
  c('reckless_driving', 'observation', 'disorder', 'Störande trafik', 'Reckless driving', 1, 'normal', ['Trafikbrott']),
  c('police_intelligence', 'observation', 'other', 'Underrättelseuppgift', 'Police intelligence', 2, 'police-only'),
];

export const CATEGORY_KEYS = CATEGORIES.map((cat) => cat.key);

const byKey = new Map(CATEGORIES.map((cat) => [cat.key, cat]));

/** Returns the category with this key; throws with the key when it does not exist. */
export function getCategory(key: string): CategoryDefinition {
  const cat = byKey.get(key);
  if (!cat) throw new Error(`Unknown category "${key}"`);
  return cat;
}

const byPoliceType = new Map(CATEGORIES.flatMap((cat) => cat.policeEventTypes.map((t) => [t, cat.key] as const)));

/** Maps an event type of the police events feed to a category key, or null when it has none. */
export function categoryForPoliceEventType(type: string): string | null {
  return byPoliceType.get(type.trim()) ?? null;
}
