import { notFound } from 'next/navigation';
import { formatNumber, getTranslator, type Locale, type Translate } from '@/lib/i18n/translate';
import { type AreaFeatureCollection, areaBounds } from '@/lib/map/area-features';
import { allows, getPageLoopAccess } from '@/lib/server/pledges/loop-access';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { listFocusAreaSources, listFocusAreasFor } from '@/lib/server/pledges/manage-pledges';
import { getRequestLocale } from '../../_lib/request-locale';
import { FORM_STYLE, formatLoopPeriod, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { PublicTextReview } from '../loften/_components/public-text-review';
import { createFocusAreaAction, reviewFocusAreaTextAction, updateFocusAreaAction } from '../loften/actions';
import { FocusAreaDrawField } from './focus-area-draw-field';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function EvidenceList({ evidence, t }: { evidence: Record<string, unknown>; t: Translate }) {
  const entries = Object.entries(evidence).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0) return <p>{t('loop.focus.noEvidence')}</p>;
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0 1rem' }}>
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd style={{ margin: 0 }}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

interface FocusValues {
  name: string;
  period_from: string;
  period_to: string | null;
  rationale: string | null;
  evidence_note: string | null;
  public_summary: string | null;
}

/** The focus-area form's fields (new and edit); on edit an empty outline keeps the current one. */
function FocusFields({ t, locale, sources, mapAreas, values, edit }: { t: Translate; locale: Locale; sources: { id: string; name: string; kind: string }[]; mapAreas: AreaFeatureCollection | null; values: FocusValues; edit: boolean }) {
  return (
    <>
      <label>
        {t('loop.focus.name')}
        <input name="name" required maxLength={200} defaultValue={values.name} style={{ display: 'block', width: '100%' }} />
      </label>
      <label>
        {t('loop.focus.fromArea')}
        <select name="area_id" style={{ display: 'block' }}>
          <option value="">{edit ? t('loop.focus.fromAreaKeep') : t('loop.focus.fromAreaNone')}</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.kind === 'district' ? t('loop.focus.kindDistrict') : s.kind})
            </option>
          ))}
        </select>
      </label>
      {mapAreas ? <FocusAreaDrawField areas={mapAreas} bounds={areaBounds(mapAreas)} locale={locale} lazy={edit} /> : null}
      <label>
        {t('loop.focus.from')}
        <input type="date" name="period_from" required defaultValue={values.period_from} style={{ display: 'block' }} />
      </label>
      <label>
        {t('loop.focus.to')}
        <input type="date" name="period_to" defaultValue={values.period_to ?? ''} style={{ display: 'block' }} />
      </label>
      <label>
        {t('loop.focus.rationale')}
        <textarea name="rationale" rows={2} defaultValue={values.rationale ?? ''} style={{ display: 'block', width: '100%' }} />
      </label>
      <label>
        {t('loop.focus.evidenceNote')}
        <input name="evidence_note" defaultValue={values.evidence_note ?? ''} style={{ display: 'block', width: '100%' }} />
      </label>
      <label>
        {t('loop.focus.publicSummary')}
        <textarea name="public_summary" rows={2} defaultValue={values.public_summary ?? ''} style={{ display: 'block', width: '100%' }} />
      </label>
    </>
  );
}

// Focus areas: where the group decided to act and the evidence it chose them on (from the
// prioritisation, or drawn by hand); new ones drawn on the map or copied from a district; the EST
// group edits them (name, outline, period, evidence note).
export default async function FocusAreasPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/fokusomraden', 'focus_area');
  if (!access) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const params = await searchParams;
  const areas = await listFocusAreasFor(access);
  const mayCreate = allows(access, 'create', 'focus_area');
  const mayEdit = allows(access, 'update', 'focus_area') && access.est;
  const sources = mayCreate || mayEdit ? await listFocusAreaSources(access) : [];
  const mapAreas = mayCreate || mayEdit ? await listMapAreas(access.municipalityCode) : null;
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.focus.heading')}</h1>
      <LoopNav current="fokusomraden" t={t} />
      <LoopOutcome params={params} />
      {areas.map((f) => (
        <article key={f.id} data-testid="focus-area" style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0' }}>
          <h2>{f.name}</h2>
          <p>
            {formatLoopPeriod(locale, f.period_from, f.period_to)} · {formatNumber(locale, f.area_km2)} km² {f.source_run_id ? `· ${t('loop.focus.fromAnalysis')}` : ''}
          </p>
          {f.public_summary ? <p>{f.public_summary}</p> : null}
          {f.pledge_titles.length > 0 ? <p>{t('loop.focus.pledges', { titles: f.pledge_titles.join(', ') })}</p> : null}
          {access.est ? (
            <PublicTextReview
              t={t}
              testId="focus-area-public-text"
              formTestId="review-focus-area-form"
              published={f.published_name}
              publishedSummary={f.published_summary}
              approved={f.public_summary_approved}
              mayEdit={mayEdit}
              action={reviewFocusAreaTextAction}
              idField={{ name: 'focus_area_id', value: f.id }}
              approveLabel={t('loop.publicText.focusApprove')}
            />
          ) : null}
          {access.est ? (
            <>
              <h3>{t('loop.focus.why')}</h3>
              <p>{f.rationale ?? '–'}</p>
              <h3>{t('loop.focus.evidence')}</h3>
              <EvidenceList evidence={f.evidence} t={t} />
            </>
          ) : null}
          {mayEdit ? (
            <details data-testid="edit-focus-area">
              <summary>{t('loop.focus.edit')}</summary>
              <form action={updateFocusAreaAction} style={FORM_STYLE} data-testid="edit-focus-area-form">
                <input type="hidden" name="focus_area_id" value={f.id} />
                <FocusFields
                  t={t}
                  locale={locale}
                  sources={sources}
                  mapAreas={mapAreas}
                  edit
                  values={{ name: f.name, period_from: f.period_from, period_to: f.period_to, rationale: f.rationale, evidence_note: typeof f.evidence.note === 'string' ? f.evidence.note : null, public_summary: f.public_summary }}
                />
                <button type="submit">{t('loop.focus.saveChanges')}</button>
              </form>
            </details>
          ) : null}
        </article>
      ))}
      {mayEdit ? <p>{t('loop.publicText.focusHelp')}</p> : null}
      {mayCreate ? (
        <>
          <h2>{t('loop.focus.new')}</h2>
          <p>{t('loop.focus.howTo')}</p>
          <form action={createFocusAreaAction} style={FORM_STYLE} data-testid="focus-area-form">
            <FocusFields t={t} locale={locale} sources={sources} mapAreas={mapAreas} edit={false} values={{ name: '', period_from: '', period_to: null, rationale: null, evidence_note: null, public_summary: null }} />
            <button type="submit">{t('loop.focus.save')}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
