'use client';
// A saved run: its result on the map and in the ranked list, cause notes per hotspot (orsaksanalys), the
// comparison picker, and the prioritisation of focus-area candidates with "Anta som fokusområde".
import type { FeatureCollection, Polygon } from 'geojson';
import { useMemo, useState } from 'react';
import type { Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import type { ResultView } from '@/lib/server/analysis/analysis-result';
import type { PriorityTable } from '@/lib/server/analysis/priorities';
import { AnalysisMap } from './analysis-map';
import { analysisTexts, fill } from './analysis-texts';
import styles from './analysis.module.css';
import { ResultPanel } from './result-panel';

const CRITERIA = ['severity', 'density', 'maxZ', 'trend', 'unsafeOpen', 'vandalism', 'cleanupHours', 'insecurity'] as const;

export interface RunViewProps {
  locale: Locale;
  runId: string;
  view: ResultView;
  incidents: number;
  notes: { id: string; hotspot_ref: string; cause_note: string; held_on: string }[];
  meetings: { id: string; label: string }[];
  otherRuns: { id: string; label: string }[];
  defaultWeights: Record<string, number>;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  /** Run header, data-change banner and meeting list, rendered on the server. */
  children: React.ReactNode;
}

async function apiError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; issues?: { path?: (string | number)[]; message?: string }[] } } | null;
  return body?.error?.issues?.map((i) => `${(i.path ?? []).join('.')}: ${i.message}`).join('; ') || body?.error?.message || `HTTP ${res.status}`;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function RunView(props: RunViewProps) {
  const { locale, runId, view, incidents, meetings, otherRuns, areas, bounds } = props;
  const t = analysisTexts(locale);
  const [notes, setNotes] = useState(props.notes);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [source, setSource] = useState<'hotspots' | 'districts' | 'polygon'>('hotspots');
  const [weights, setWeights] = useState<Record<string, number>>(props.defaultWeights);
  const [polygon, setPolygon] = useState<{ type: 'Polygon'; coordinates: [number, number][][] } | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [table, setTable] = useState<PriorityTable | null>(null);
  const [prioError, setPrioError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adopted, setAdopted] = useState<string | null>(null);

  const notesByRef = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const n of notes) m.set(n.hotspot_ref, [...(m.get(n.hotspot_ref) ?? []), n.cause_note]);
    return m;
  }, [notes]);

  const candidatesOnMap = useMemo<FeatureCollection<Polygon> | undefined>(() => {
    if (!table) return undefined;
    return {
      type: 'FeatureCollection',
      features: table.candidates.flatMap((c) => c.geometry.coordinates.map((coords) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: coords }, properties: { ref: c.id } }))),
    };
  }, [table]);

  const addNote = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { meeting_id: String(f.get('meeting_id')), hotspot_ref: String(f.get('hotspot_ref')), cause_note: String(f.get('cause_note') ?? '') };
    const res = await post(`/api/v1/analysis/runs/${runId}/notes`, body);
    if (!res.ok) {
      setNoteError(await apiError(res));
      return;
    }
    const { id } = (await res.json()) as { id: string };
    setNoteError(null);
    setNotes((n) => [...n, { id, hotspot_ref: body.hotspot_ref, cause_note: body.cause_note.trim(), held_on: meetings.find((m) => m.id === body.meeting_id)?.label ?? '' }]);
    form.reset();
  };

  const score = async (save: boolean) => {
    setBusy(true);
    setPrioError(null);
    const res = await post(`/api/v1/analysis/runs/${runId}/priorities`, { source, weights, polygon: source === 'polygon' ? polygon : undefined, save });
    setBusy(false);
    if (!res.ok) {
      setPrioError(await apiError(res));
      return;
    }
    setTable((await res.json()) as PriorityTable);
  };

  const adopt = async (candidateId: string, name: string, from: string) => {
    if (!table?.priorityRunId) return;
    const res = await post('/api/v1/analysis/focus-areas', { priority_run_id: table.priorityRunId, candidate_id: candidateId, name, period_from: from });
    if (!res.ok) {
      setPrioError(await apiError(res));
      return;
    }
    setAdopted(name);
  };

  const pct = (v: number) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 0 }).format(100 * v);
  const num = (v: number | null) => (v === null ? '–' : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 }).format(v));
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className={styles.layout}>
      <aside className={styles.side}>
        {props.children}
        <ResultPanel locale={locale} view={view} incidents={incidents} notesByRef={notesByRef} />

        <section aria-labelledby="causes" data-testid="cause-notes">
          <h2 id="causes">{t.causes}</h2>
          {notes.length === 0 ? (
            <p>{t.noNotes}</p>
          ) : (
            <ul>
              {notes.map((n) => (
                <li key={n.id}>
                  <strong>{view.hotspots.find((h) => h.ref === n.hotspot_ref) ? `#${view.hotspots.find((h) => h.ref === n.hotspot_ref)!.rank}` : n.hotspot_ref}</strong> ({n.held_on}): {n.cause_note}
                </li>
              ))}
            </ul>
          )}
          {meetings.length === 0 ? (
            <p className={styles.explain}>{t.needMeeting}</p>
          ) : view.hotspots.length > 0 ? (
            <form className={styles.form} onSubmit={(e) => void addNote(e)} data-testid="cause-note-form">
              <label>
                {t.causeFor}{' '}
                <select name="hotspot_ref">
                  {view.hotspots.map((h) => (
                    <option key={h.ref} value={h.ref}>
                      #{h.rank} ({h.incidents} {t.incidents.toLowerCase()})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t.meetings}{' '}
                <select name="meeting_id">
                  {meetings.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t.causeNote}
                <textarea name="cause_note" rows={3} required maxLength={4000} />
              </label>
              <button type="submit">{t.addNote}</button>
              {noteError ? (
                <p role="alert" className={styles.error}>
                  {fill(t.error, { message: noteError })}
                </p>
              ) : null}
            </form>
          ) : null}
        </section>

        {otherRuns.length > 0 ? (
          <section aria-labelledby="compare">
            <h2 id="compare">{t.compare}</h2>
            <form className={styles.form} action="/analys/jamfor" method="get">
              <input type="hidden" name="b" value={runId} />
              <label>
                {t.compareWith}{' '}
                <select name="a">
                  {otherRuns.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t.compareButton}</button>
            </form>
          </section>
        ) : null}

        <section aria-labelledby="priorities" data-testid="priorities">
          <h2 id="priorities">{t.priorities}</h2>
          <div className={styles.form}>
            <fieldset>
              <legend>{t.candidates}</legend>
              {(['hotspots', 'districts', 'polygon'] as const).map((s) => (
                <label key={s}>
                  <input type="radio" name="source" checked={source === s} onChange={() => setSource(s)} /> {s === 'hotspots' ? t.fromHotspots : s === 'districts' ? t.fromDistricts : t.fromPolygon}
                </label>
              ))}
              {source === 'polygon' ? (
                <>
                  <button type="button" onClick={() => setDrawing((d) => !d)} aria-pressed={drawing}>
                    {t.draw}
                  </button>
                  <p className={styles.explain}>{drawing ? t.drawHelp : polygon ? fill(t.drawn, { n: polygon.coordinates[0].length - 1 }) : null}</p>
                </>
              ) : null}
            </fieldset>
            <fieldset>
              <legend>{t.weights}</legend>
              {CRITERIA.map((k) => (
                <label key={k}>
                  {t.criteria[k]}{' '}
                  <input type="number" min={0} max={100} step={0.05} value={weights[k]} onChange={(e) => setWeights((w) => ({ ...w, [k]: Number(e.target.value) }))} />
                </label>
              ))}
            </fieldset>
            <div className={styles.actions}>
              <button type="button" disabled={busy || (source === 'polygon' && !polygon)} onClick={() => void score(false)}>
                {t.scoreButton}
              </button>
              <button type="button" disabled={busy || (source === 'polygon' && !polygon)} onClick={() => void score(true)} data-testid="save-priorities">
                {t.saveScores}
              </button>
            </div>
          </div>
          {prioError ? (
            <p role="alert" className={styles.error}>
              {fill(t.error, { message: prioError })}
            </p>
          ) : null}
          {table?.priorityRunId ? <p>{t.scoresSaved}</p> : null}
          {adopted ? <p role="status">{t.adopted} ({adopted})</p> : null}
          {table ? (
            <div className={styles.tableWrap}>
              <table className={styles.table} data-testid="priority-table">
                <thead>
                  <tr>
                    <th scope="col">{t.rank}</th>
                    <th scope="col">{t.score}</th>
                    {CRITERIA.map((k) => (
                      <th scope="col" key={k}>
                        {t.criteria[k]}
                      </th>
                    ))}
                    {table.priorityRunId ? <th scope="col">{t.adopt}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {table.candidates.map((c) => (
                    <tr key={c.id}>
                      <td>
                        {c.rank}. {c.label}
                      </td>
                      <td>{num(c.score)}</td>
                      {CRITERIA.map((k) => (
                        <td key={k} title={`${t.criteria[k]}: ${num(c.values[k])}`}>
                          {num(c.values[k])}
                          <br />
                          <small>{fill(t.share, { pct: pct(c.parts[k].share) })}</small>
                        </td>
                      ))}
                      {table.priorityRunId ? (
                        <td>
                          <form
                            onSubmit={(e) => {
                              e.preventDefault();
                              const f = new FormData(e.currentTarget);
                              void adopt(c.id, String(f.get('name') ?? ''), String(f.get('period_from') ?? today));
                            }}
                          >
                            <input type="text" name="name" aria-label={t.adoptName} placeholder={t.adoptName} required maxLength={200} defaultValue={c.label} size={10} />
                            <input type="date" name="period_from" aria-label={t.adoptFrom} defaultValue={today} required />
                            <button type="submit">{t.adopt}</button>
                          </form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      </aside>
      <div className={styles.mapArea}>
        <AnalysisMap
          areas={areas}
          bounds={bounds}
          method={table ? 'dbscan' : view.method}
          cells={table ? undefined : view.cells}
          clusters={table ? candidatesOnMap : view.clusters}
          fitTo={view.bounds}
          drawing={drawing}
          onDrawn={(p) => {
            setPolygon(p);
            setDrawing(false);
          }}
          ariaLabel={t.heading}
        />
      </div>
    </div>
  );
}
