import { notFound } from 'next/navigation';
import { reportingQuarter } from '@/lib/domain/council-quarters';
import { getActivityDetail } from '@/lib/server/activities/get-activity-detail';
import { HttpError } from '@/lib/server/auth/errors';
import { listEstMeetingsFor } from '@/lib/server/cadence/list-est-meetings-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { ACTIVITY_STATUS_LABELS, FOLLOW_UP_STATUS_LABELS, FORM_STYLE, LoopNav, LoopOutcome, PAGE_STYLE } from '../../loften/_components/loop-nav';
import { recordDecisionAction, reportFollowUpAction, reviewSummaryAction, setStatusAction, updateActivityAction, updateSummaryAction } from '../actions';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// One activity: the council's decisions (and recording one), the quarterly follow-ups (and reporting
// one, for the organisations taking part), the moderation of its public summary.
export default async function ActivityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const access = await getPageLoopAccess(`/aktiviteter/${id}`, 'activity');
  if (!access) notFound();
  const query = await searchParams;
  const detail = await getActivityDetail(access, id).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  const a = detail.activity;
  const mayDecide = allows(access, 'update', 'activity');
  const mayReport = allows(access, 'create', 'follow_up') && (access.est || detail.reportingOrganisationIds.length > 0);
  const meetings = mayDecide ? await listEstMeetingsFor(access, { year: null }) : [];
  const [pledges, focusAreas, organisations] = mayDecide ? await Promise.all([listPledgesFor(access), listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], [], []];
  const quarter = typeof query.kvartal === 'string' && /^\d{4}-Q[1-4]$/.test(query.kvartal) ? query.kvartal : reportingQuarter(new Date());
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section style={PAGE_STYLE}>
      <h1>{a.title}</h1>
      <LoopNav current="aktiviteter" />
      <LoopOutcome params={query} />
      <dl data-testid="activity-facts">
        <dt>Status</dt>
        <dd data-testid="activity-status">{ACTIVITY_STATUS_LABELS[a.status] ?? a.status}</dd>
        <dt>Medborgarlöfte</dt>
        <dd>{a.pledge_title ? `${a.pledge_title} (${a.pledge_year})` : '–'}</dd>
        <dt>Fokusområde</dt>
        <dd>{a.focus_area_name ?? '–'}</dd>
        <dt>Ansvarig organisation</dt>
        <dd>{a.owner_name}</dd>
        <dt>Samverkansparter</dt>
        <dd>{a.partner_names.join(', ') || '–'}</dd>
        <dt>Period</dt>
        <dd>
          {a.starts_on} – {a.ends_on ?? 'tills vidare'}
        </dd>
        <dt>Mätbart mål</dt>
        <dd>{a.goal ?? '–'}</dd>
        <dt>Indikator</dt>
        <dd>{a.indicator ?? '–'}</dd>
        {a.internal_notes !== null ? (
          <>
            <dt>Interna anteckningar</dt>
            <dd>{a.internal_notes}</dd>
          </>
        ) : null}
        <dt>Publik sammanfattning</dt>
        <dd data-testid="public-summary">
          {a.public_summary ?? '–'} <em>({a.public_summary_approved ? 'godkänd, visas publikt' : 'inte godkänd, visas inte publikt'})</em>
        </dd>
      </dl>

      <h2>Rådets beslut</h2>
      {detail.decisions.length === 0 ? (
        <p>Inget beslut registrerat.</p>
      ) : (
        <table data-testid="decisions-table">
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Möte</th>
              <th scope="col">Beslut</th>
              <th scope="col">Beslutstext</th>
              <th scope="col">Registrerat av</th>
            </tr>
          </thead>
          <tbody>
            {detail.decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.decided_on}</td>
                <td>{d.meeting_name}</td>
                <td>{d.outcome === 'decided' ? 'Beslutad' : 'Avslagen'}</td>
                <td>{d.decision_text}</td>
                <td>{d.recorded_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayDecide && ['proposed', 'decided', 'rejected'].includes(a.status) ? (
        <form action={recordDecisionAction} style={FORM_STYLE} data-testid="decision-form">
          <input type="hidden" name="activity_id" value={a.id} />
          <label>
            Möte (som i protokollet)
            <input name="meeting_name" required defaultValue={`Lokala brottsförebyggande rådet ${today}`} style={{ display: 'block', width: '100%' }} />
          </label>
          <label>
            Kopplat EST-möte
            <select name="meeting_id" style={{ display: 'block' }}>
              <option value="">– inget –</option>
              {meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.held_on} ({m.kind === 'analysis' ? 'analys' : 'uppföljning'})
                </option>
              ))}
            </select>
          </label>
          <label>
            Beslutsdatum
            <input type="date" name="decided_on" required defaultValue={today} style={{ display: 'block' }} />
          </label>
          <fieldset>
            <legend>Beslut</legend>
            <label>
              <input type="radio" name="outcome" value="decided" defaultChecked /> Beslutad
            </label>{' '}
            <label>
              <input type="radio" name="outcome" value="rejected" /> Avslagen
            </label>
          </fieldset>
          <label>
            Beslutstext
            <textarea name="decision_text" required rows={2} style={{ display: 'block', width: '100%' }} />
          </label>
          <button type="submit">Registrera rådets beslut</button>
        </form>
      ) : null}
      {mayDecide && (a.status === 'decided' || a.status === 'ongoing') ? (
        <form action={setStatusAction} style={{ display: 'flex', gap: '0.5rem', margin: '0.5rem 0' }}>
          <input type="hidden" name="activity_id" value={a.id} />
          {(a.status === 'decided' ? ['ongoing', 'cancelled'] : ['done', 'cancelled']).map((s) => (
            <button key={s} type="submit" name="status" value={s}>
              Markera som {ACTIVITY_STATUS_LABELS[s].toLowerCase()}
            </button>
          ))}
        </form>
      ) : null}

      <h2>Kvartalsuppföljning</h2>
      {detail.followUps.length === 0 ? (
        <p>Ingen uppföljning rapporterad.</p>
      ) : (
        <table data-testid="follow-ups-table">
          <thead>
            <tr>
              <th scope="col">Kvartal</th>
              <th scope="col">Status</th>
              <th scope="col">Indikatorvärde</th>
              {access.includeInternal ? <th scope="col">Vad som gjorts</th> : null}
              <th scope="col">Rapporterad av</th>
              <th scope="col">Rapporterad</th>
            </tr>
          </thead>
          <tbody>
            {detail.followUps.map((f) => (
              <tr key={f.id}>
                <td>{f.quarter}</td>
                <td>{FOLLOW_UP_STATUS_LABELS[f.status] ?? f.status}</td>
                <td>{f.indicator_value ?? '–'}</td>
                {access.includeInternal ? <td>{f.note ?? ''}</td> : null}
                <td>{f.reported_by_org_name ?? '–'}</td>
                <td>{f.reported_at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayReport ? (
        <form action={reportFollowUpAction} style={FORM_STYLE} data-testid="follow-up-form">
          <h3>Rapportera uppföljning</h3>
          <input type="hidden" name="activity_id" value={a.id} />
          <label>
            Kvartal
            <input name="quarter" required pattern="\d{4}-Q[1-4]" defaultValue={quarter} style={{ display: 'block' }} />
          </label>
          <label>
            Status
            <select name="status" style={{ display: 'block' }}>
              {Object.entries(FOLLOW_UP_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Indikatorvärde{a.indicator ? ` (${a.indicator})` : ''}
            <input name="indicator_value" inputMode="decimal" style={{ display: 'block' }} />
          </label>
          <label>
            Vad som gjorts under kvartalet
            <textarea name="note" rows={3} style={{ display: 'block', width: '100%' }} />
          </label>
          <button type="submit">Skicka uppföljningen</button>
        </form>
      ) : null}

      {mayDecide ? (
        <details style={{ margin: '1rem 0' }}>
          <summary>Ändra aktiviteten</summary>
          <form action={updateActivityAction} style={FORM_STYLE} data-testid="edit-activity-form">
            <input type="hidden" name="activity_id" value={a.id} />
            <label>
              Titel
              <input name="title" required maxLength={200} defaultValue={a.title} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Medborgarlöfte
              <select name="pledge_id" defaultValue={a.pledge_id ?? ''} style={{ display: 'block' }}>
                <option value="">– inget –</option>
                {pledges.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.year}: {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Fokusområde
              <select name="focus_area_id" defaultValue={a.focus_area_id ?? ''} style={{ display: 'block' }}>
                <option value="">– inget –</option>
                {focusAreas.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Ansvarig organisation
              <select name="owner_org_id" defaultValue={a.owner_org_id} style={{ display: 'block' }}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>Samverkansparter</legend>
              {organisations.map((o) => (
                <label key={o.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="partner_org_ids" value={o.id} defaultChecked={a.partner_org_ids.includes(o.id)} /> {o.name}
                </label>
              ))}
            </fieldset>
            <label>
              Startdatum
              <input type="date" name="starts_on" required defaultValue={a.starts_on} style={{ display: 'block' }} />
            </label>
            <label>
              Slutdatum
              <input type="date" name="ends_on" defaultValue={a.ends_on ?? ''} style={{ display: 'block' }} />
            </label>
            <label>
              Mätbart mål
              <textarea name="goal" rows={2} defaultValue={a.goal ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Indikator
              <input name="indicator" maxLength={200} defaultValue={a.indicator ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Interna anteckningar
              <textarea name="internal_notes" rows={2} defaultValue={a.internal_notes ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">Spara ändringarna</button>
          </form>
        </details>
      ) : null}

      {mayDecide ? (
        <>
          <h2>Publik sammanfattning</h2>
          <p>Bara en godkänd sammanfattning visas på den publika kartan. En ändrad text måste granskas igen.</p>
          <form action={updateSummaryAction} style={FORM_STYLE}>
            <input type="hidden" name="activity_id" value={a.id} />
            <label>
              Text
              <textarea name="public_summary" rows={2} defaultValue={a.public_summary ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">Spara texten (för granskning)</button>
          </form>
          <form action={reviewSummaryAction} style={{ display: 'flex', gap: '0.5rem' }} data-testid="review-form">
            <input type="hidden" name="activity_id" value={a.id} />
            <button type="submit" name="decision" value="approve" disabled={a.public_summary === null || a.public_summary_approved}>
              Godkänn för publicering
            </button>
            <button type="submit" name="decision" value="withdraw" disabled={!a.public_summary_approved}>
              Dra tillbaka
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
