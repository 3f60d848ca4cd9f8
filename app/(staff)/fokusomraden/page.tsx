import { notFound } from 'next/navigation';
import { areaBounds } from '@/lib/map/area-features';
import { allows, getPageLoopAccess } from '@/lib/server/pledges/loop-access';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { listFocusAreaSources, listFocusAreasFor } from '@/lib/server/pledges/manage-pledges';
import { FORM_STYLE, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { createFocusAreaAction } from '../loften/actions';
import { FocusAreaDrawField } from './focus-area-draw-field';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function EvidenceList({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0) return <p>Inget underlag sparat.</p>;
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

// Focus areas: where the group decided to act and the evidence it chose them on (from the
// prioritisation, or drawn by hand); new ones drawn on the map or copied from a district.
export default async function FocusAreasPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/fokusomraden', 'focus_area');
  if (!access) notFound();
  const params = await searchParams;
  const areas = await listFocusAreasFor(access);
  const mayCreate = allows(access, 'create', 'focus_area');
  const sources = mayCreate ? await listFocusAreaSources(access) : [];
  const mapAreas = mayCreate ? await listMapAreas(access.municipalityCode) : null;
  return (
    <section style={PAGE_STYLE}>
      <h1>Fokusområden</h1>
      <LoopNav current="fokusomraden" />
      <LoopOutcome params={params} />
      {areas.map((f) => (
        <article key={f.id} data-testid="focus-area" style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0' }}>
          <h2>{f.name}</h2>
          <p>
            {f.period_from} – {f.period_to ?? 'tills vidare'} · {f.area_km2.toLocaleString('sv-SE')} km² {f.source_run_id ? '· från en sparad analys' : ''}
          </p>
          {f.public_summary ? <p>{f.public_summary}</p> : null}
          {f.pledge_titles.length > 0 ? <p>Medborgarlöften: {f.pledge_titles.join(', ')}</p> : null}
          {access.est ? (
            <>
              <h3>Varför</h3>
              <p>{f.rationale ?? '–'}</p>
              <h3>Underlag</h3>
              <EvidenceList evidence={f.evidence} />
            </>
          ) : null}
        </article>
      ))}
      {mayCreate ? (
        <>
          <h2>Nytt fokusområde</h2>
          <p>Rita området på kartan (klicka hörn, dubbelklicka för att stänga), klistra in GeoJSON, eller utgå från ett av kommunens områden.</p>
          <form action={createFocusAreaAction} style={FORM_STYLE} data-testid="focus-area-form">
            <label>
              Namn
              <input name="name" required maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Utgå från område
              <select name="area_id" style={{ display: 'block' }}>
                <option value="">– ritat/inklistrat –</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.kind === 'district' ? 'stadsdel/ort' : s.kind})
                  </option>
                ))}
              </select>
            </label>
            {mapAreas ? <FocusAreaDrawField areas={mapAreas} bounds={areaBounds(mapAreas)} /> : null}
            <label>
              Från
              <input type="date" name="period_from" required style={{ display: 'block' }} />
            </label>
            <label>
              Till
              <input type="date" name="period_to" style={{ display: 'block' }} />
            </label>
            <label>
              Varför (internt)
              <textarea name="rationale" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Underlag (t.ex. analys, trygghetsvandring)
              <input name="evidence_note" style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Publik beskrivning
              <textarea name="public_summary" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">Spara fokusområdet</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
