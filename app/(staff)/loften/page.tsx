import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { listActivitiesFor } from '@/lib/server/activities/list-activities-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { getRequestLocale } from '../../_lib/request-locale';
import { activityStatusLabel, FORM_STYLE, LoopNav, LoopOutcome, PAGE_STYLE } from './_components/loop-nav';
import { PledgeFields } from './_components/pledge-fields';
import { PublicTextReview } from './_components/public-text-review';
import { createPledgeAction, reviewPledgeTextAction, updatePledgeAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Medborgarlöften per year: text, focus areas, partner organisations and their activities by status;
// the EST group creates and edits them.
export default async function PledgesPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/loften', 'pledge');
  if (!access) notFound();
  const t = getTranslator(await getRequestLocale());
  const params = await searchParams;
  const pledges = await listPledgesFor(access);
  const activities = allows(access, 'read', 'activity') ? await listActivitiesFor(access) : [];
  const mayCreate = allows(access, 'create', 'pledge');
  const mayEdit = allows(access, 'update', 'pledge');
  const [focusAreas, organisations] = mayCreate || mayEdit ? await Promise.all([listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], []];
  const years = [...new Set(pledges.map((p) => p.year))];
  const thisYear = new Date().getFullYear();
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.pledges.heading')}</h1>
      <LoopNav current="loften" t={t} />
      <LoopOutcome params={params} />
      {years.length === 0 ? <p>{t('loop.pledges.none')}</p> : null}
      {years.map((year) => (
        <div key={year}>
          <h2>{year}</h2>
          {pledges
            .filter((p) => p.year === year)
            .map((p) => (
              <article key={p.id} data-testid="pledge" style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0' }}>
                <h3>{p.title}</h3>
                <p>{p.body}</p>
                <p>
                  <strong>{t('loop.pledges.focusAreas')}:</strong> {p.focus_areas.map((f) => f.name).join(', ') || '–'}. <strong>{t('loop.pledges.partners')}:</strong> {p.partner_names.join(', ') || '–'}.
                </p>
                <p>
                  <strong>{t('loop.pledges.activities')}:</strong>{' '}
                  {Object.entries(p.activities_by_status)
                    .map(([s, n]) => `${activityStatusLabel(t, s)} ${n}`)
                    .join(', ') || t('loop.pledges.noActivities')}
                </p>
                <ul>
                  {activities
                    .filter((a) => a.pledge_id === p.id)
                    .map((a) => (
                      <li key={a.id}>
                        <a href={`/aktiviteter/${a.id}`}>{a.title}</a> – {a.owner_name}, {activityStatusLabel(t, a.status)}
                      </li>
                    ))}
                </ul>
                <PublicTextReview
                  t={t}
                  testId="pledge-public-text"
                  formTestId="review-pledge-form"
                  published={p.published_title}
                  publishedSummary={p.published_summary}
                  approved={p.public_summary_approved}
                  mayEdit={mayEdit}
                  action={reviewPledgeTextAction}
                  idField={{ name: 'pledge_id', value: p.id }}
                  approveLabel={t('loop.publicText.approve')}
                />
                {mayEdit ? (
                  <details data-testid="edit-pledge">
                    <summary>{t('loop.pledges.edit')}</summary>
                    <form action={updatePledgeAction} style={FORM_STYLE} data-testid="edit-pledge-form">
                      <input type="hidden" name="pledge_id" value={p.id} />
                      <PledgeFields
                        t={t}
                        focusAreas={focusAreas}
                        organisations={organisations}
                        values={{ year: p.year, title: p.title, body: p.body, public_summary: p.public_summary, focus_area_ids: p.focus_areas.map((f) => f.id), partner_org_ids: p.partner_org_ids }}
                      />
                      <button type="submit">{t('loop.pledges.saveChanges')}</button>
                    </form>
                  </details>
                ) : null}
              </article>
            ))}
        </div>
      ))}
      {mayEdit ? <p>{t('loop.publicText.help')}</p> : null}
      {mayCreate ? (
        <>
          <h2>{t('loop.pledges.new')}</h2>
          <form action={createPledgeAction} style={FORM_STYLE} data-testid="pledge-form">
            <PledgeFields t={t} focusAreas={focusAreas} organisations={organisations} values={{ year: thisYear + 1, title: '', body: '', public_summary: null, focus_area_ids: [], partner_org_ids: [] }} />
            <button type="submit">{t('loop.pledges.save')}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
