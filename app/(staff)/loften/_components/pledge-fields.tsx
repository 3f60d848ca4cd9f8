import type { Translate } from '@/lib/i18n/translate';

export interface PledgeFieldValues {
  year: number;
  title: string;
  body: string;
  public_summary: string | null;
  focus_area_ids: string[];
  partner_org_ids: string[];
}

/** The pledge form's fields (new and edit): year, title, text, public summary, focus areas, partners. */
export function PledgeFields({ t, focusAreas, organisations, values }: { t: Translate; focusAreas: { id: string; name: string }[]; organisations: { id: string; name: string }[]; values: PledgeFieldValues }) {
  return (
    <>
      <label>
        {t('loop.pledges.year')}
        <input type="number" name="year" required min={2000} max={2200} defaultValue={values.year} style={{ display: 'block' }} />
      </label>
      <label>
        {t('loop.pledges.title')}
        <input name="title" required maxLength={200} defaultValue={values.title} style={{ display: 'block', width: '100%' }} />
      </label>
      <label>
        {t('loop.pledges.body')}
        <textarea name="body" required rows={4} defaultValue={values.body} style={{ display: 'block', width: '100%' }} />
      </label>
      <label>
        {t('loop.pledges.publicSummary')}
        <textarea name="public_summary" rows={2} defaultValue={values.public_summary ?? ''} style={{ display: 'block', width: '100%' }} />
      </label>
      <fieldset>
        <legend>{t('loop.pledges.focusAreas')}</legend>
        {focusAreas.map((f) => (
          <label key={f.id} style={{ display: 'block' }}>
            <input type="checkbox" name="focus_area_ids" value={f.id} defaultChecked={values.focus_area_ids.includes(f.id)} /> {f.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('loop.pledges.partners')}</legend>
        {organisations.map((o) => (
          <label key={o.id} style={{ display: 'block' }}>
            <input type="checkbox" name="partner_org_ids" value={o.id} defaultChecked={values.partner_org_ids.includes(o.id)} /> {o.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}
