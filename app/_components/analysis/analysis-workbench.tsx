'use client';
// The analysis page's working area: the form (period, categories, method, parameters with suggested
// defaults explained), the job (progress, cancel, polling), the result on the map and in a ranked list,
// and saving the run to an EST meeting.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import type { AnalysisJobStatus } from '@/lib/server/analysis/analysis-jobs';
import type { SuggestedParameters } from '@/lib/server/analysis/suggest-parameters';
import { AnalysisMap } from './analysis-map';
import { analysisTexts, fill } from './analysis-texts';
import styles from './analysis.module.css';
import { ResultPanel, warningText } from './result-panel';

type Method = 'gi_star' | 'dbscan' | 'kde' | 'emerging';

export interface WorkbenchProps {
  locale: Locale;
  municipalityCode: string;
  defaultPeriod: { from: string; to: string };
  categories: { key: string; label: string }[];
  meetings: { id: string; label: string }[];
  organisations: { id: string; name: string }[];
  meetingMode: boolean;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  /** Start with these parameters (re-running a saved run). */
  initial?: Partial<FormState>;
  /** Shown under the form (the saved runs). */
  children?: React.ReactNode;
}

interface FormState {
  method: Method;
  from: string;
  to: string;
  categories: string[] | null;
  grid: 'hex' | 'square';
  cellSize: number;
  band: number;
  fdr: boolean;
  studyArea: 'municipality' | 'points';
  step: 'quarter' | 'month';
  eps: number;
  minPoints: number;
  bandwidth: number;
}

const POLL_MS = 700;

async function apiError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; issues?: { path?: (string | number)[]; message?: string }[] } } | null;
  const issues = body?.error?.issues?.map((i) => `${(i.path ?? []).join('.')}: ${i.message}`).join('; ');
  return issues || body?.error?.message || `HTTP ${res.status}`;
}

export function AnalysisWorkbench(props: WorkbenchProps) {
  const { locale, municipalityCode, defaultPeriod, categories, meetings, organisations, meetingMode, areas, bounds } = props;
  const t = analysisTexts(locale);
  const [form, setForm] = useState<FormState>({
    method: 'gi_star',
    from: defaultPeriod.from,
    to: defaultPeriod.to,
    categories: null,
    grid: 'hex',
    cellSize: 250,
    band: 500,
    fdr: true,
    studyArea: 'municipality',
    step: 'quarter',
    eps: 100,
    minPoints: 20,
    bandwidth: 400,
    ...props.initial,
  });
  const [suggestion, setSuggestion] = useState<SuggestedParameters | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [job, setJob] = useState<AnalysisJobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poll = useRef<number | null>(null);
  const [saveState, setSaveState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [meetingChoice, setMeetingChoice] = useState<'none' | 'existing' | 'new'>(meetings.length ? 'existing' : 'new');

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const active = job && (job.state === 'queued' || job.state === 'running');

  useEffect(
    () => () => {
      if (poll.current) window.clearTimeout(poll.current);
    },
    [],
  );

  const track = (id: string) => {
    const tick = async () => {
      const res = await fetch(`/api/v1/analysis/jobs/${id}`, { cache: 'no-store' });
      if (!res.ok) {
        setError(await apiError(res));
        return;
      }
      const status = (await res.json()) as AnalysisJobStatus;
      setJob(status);
      if (status.state === 'queued' || status.state === 'running') poll.current = window.setTimeout(tick, POLL_MS);
    };
    poll.current = window.setTimeout(tick, 200);
  };

  const suggest = async () => {
    setSuggesting(true);
    setError(null);
    const q = new URLSearchParams({ from: form.from, to: form.to });
    if (form.categories) q.set('categories', form.categories.join(','));
    const res = await fetch(`/api/v1/analysis/defaults?${q}`, { cache: 'no-store' });
    setSuggesting(false);
    if (!res.ok) {
      setError(await apiError(res));
      return;
    }
    const s = (await res.json()) as SuggestedParameters;
    setSuggestion(s);
    setForm((f) => ({
      ...f,
      ...(f.method === 'emerging' ? { cellSize: s.emergingCellSize, band: s.emergingBand, step: 'quarter' as const } : s.cellSize && s.band ? { cellSize: s.cellSize, band: s.band } : {}),
      ...(s.kdeBandwidth ? { bandwidth: s.kdeBandwidth } : {}),
    }));
  };

  const run = async () => {
    setError(null);
    setSaveState({ busy: false, error: null });
    const body = { municipality: municipalityCode, ...form, categories: form.categories ?? undefined };
    const res = await fetch('/api/v1/analysis/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) {
      setError(await apiError(res));
      return;
    }
    const status = (await res.json()) as AnalysisJobStatus;
    setJob(status);
    track(status.id);
  };

  const cancel = async () => {
    if (!job) return;
    const res = await fetch(`/api/v1/analysis/jobs/${job.id}`, { method: 'DELETE' });
    if (!res.ok) setError(await apiError(res));
  };

  const save = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!job) return;
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = { job_id: job.id, title: String(f.get('title') ?? '') };
    if (meetingChoice === 'existing') body.meeting_id = String(f.get('meeting_id') ?? '');
    if (meetingChoice === 'new') {
      body.meeting = {
        held_on: String(f.get('held_on') ?? ''),
        kind: String(f.get('kind') ?? 'analysis'),
        meeting_mode: f.get('meeting_mode') === 'on',
        organisation_ids: f.getAll('organisation_ids').map(String),
        notes: String(f.get('notes') ?? ''),
        decisions: String(f.get('decisions') ?? ''),
      };
    }
    setSaveState({ busy: true, error: null });
    const res = await fetch('/api/v1/analysis/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) {
      setSaveState({ busy: false, error: await apiError(res) });
      return;
    }
    const { runId } = (await res.json()) as { runId: string };
    window.location.assign(`/analys/korningar/${runId}`);
  };

  const m = form.method;
  const fmt = (v: number | null) => (v === null ? '–' : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 0 }).format(v));
  const view = job?.state === 'done' ? job.view : null;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className={styles.layout}>
      <aside className={styles.side}>
        <h1>{t.heading}</h1>
        <p className={styles.explain}>{t.intro}</p>
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
          data-testid="analysis-form"
        >
          <fieldset>
            <legend>{t.period}</legend>
            <label>
              {t.from} <input type="date" name="from" value={form.from} onChange={(e) => set('from', e.target.value)} required />
            </label>
            <label>
              {t.to} <input type="date" name="to" value={form.to} onChange={(e) => set('to', e.target.value)} required />
            </label>
          </fieldset>
          <fieldset>
            <legend>{t.layers}</legend>
            <label>
              <input type="checkbox" checked readOnly disabled /> {t.layerIncidents}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t.categories}</legend>
            <label>
              <input type="checkbox" checked={form.categories === null} onChange={(e) => set('categories', e.target.checked ? null : [])} /> {t.allCategories}
            </label>
            {form.categories !== null ? (
              <div className={styles.categories}>
                {categories.map((c) => (
                  <label key={c.key}>
                    <input
                      type="checkbox"
                      name="categories"
                      value={c.key}
                      checked={form.categories!.includes(c.key)}
                      onChange={(e) => set('categories', e.target.checked ? [...form.categories!, c.key] : form.categories!.filter((k) => k !== c.key))}
                    />{' '}
                    {c.label}
                  </label>
                ))}
              </div>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>{t.method}</legend>
            {(['gi_star', 'dbscan', 'kde', 'emerging'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="method" value={k} checked={m === k} onChange={() => set('method', k)} /> {t.methods[k]}
              </label>
            ))}
            <p className={styles.explain}>{t.methodHelp[m]}</p>
          </fieldset>
          <fieldset>
            <legend>{t.parameters}</legend>
            {m === 'gi_star' || m === 'emerging' ? (
              <>
                <label>
                  {t.grid}{' '}
                  <select name="grid" value={form.grid} onChange={(e) => set('grid', e.target.value as FormState['grid'])}>
                    <option value="hex">{t.gridHex}</option>
                    <option value="square">{t.gridSquare}</option>
                  </select>
                </label>
                <label>
                  {t.cellSize} <input type="number" name="cellSize" min={25} max={5000} step={5} value={form.cellSize} onChange={(e) => set('cellSize', Number(e.target.value))} />
                </label>
                <label>
                  {t.band} <input type="number" name="band" min={25} max={20000} step={5} value={form.band} onChange={(e) => set('band', Number(e.target.value))} />
                </label>
                <label>
                  <input type="checkbox" name="fdr" checked={form.fdr} onChange={(e) => set('fdr', e.target.checked)} /> {t.fdr}
                </label>
                <label>
                  {t.studyArea}{' '}
                  <select name="studyArea" value={form.studyArea} onChange={(e) => set('studyArea', e.target.value as FormState['studyArea'])}>
                    <option value="municipality">{t.studyMunicipality}</option>
                    <option value="points">{t.studyPoints}</option>
                  </select>
                </label>
                {m === 'emerging' ? (
                  <label>
                    {t.step}{' '}
                    <select name="step" value={form.step} onChange={(e) => set('step', e.target.value as FormState['step'])}>
                      <option value="quarter">{t.quarter}</option>
                      <option value="month">{t.month}</option>
                    </select>
                  </label>
                ) : null}
              </>
            ) : null}
            {m === 'dbscan' ? (
              <>
                <label>
                  {t.eps} <input type="number" name="eps" min={5} max={5000} value={form.eps} onChange={(e) => set('eps', Number(e.target.value))} />
                </label>
                <label>
                  {t.minPoints} <input type="number" name="minPoints" min={2} max={1000} value={form.minPoints} onChange={(e) => set('minPoints', Number(e.target.value))} />
                </label>
                <p className={styles.explain}>{t.explainDbscan}</p>
              </>
            ) : null}
            {m === 'kde' ? (
              <>
                <label>
                  {t.cellSize} <input type="number" name="cellSize" min={25} max={5000} value={form.cellSize} onChange={(e) => set('cellSize', Number(e.target.value))} />
                </label>
                <label>
                  {t.bandwidth} <input type="number" name="bandwidth" min={25} max={10000} value={form.bandwidth} onChange={(e) => set('bandwidth', Number(e.target.value))} />
                </label>
              </>
            ) : null}
            <div className={styles.actions}>
              <button type="button" onClick={() => void suggest()} disabled={suggesting} data-testid="analysis-suggest">
                {suggesting ? t.suggesting : t.suggest}
              </button>
            </div>
            {suggestion ? (
              <div className={styles.explain} data-testid="analysis-explanation">
                <p>{fill(t.suggestionFor, { n: fmt(suggestion.incidents), locations: fmt(suggestion.distinctLocations) })}</p>
                {suggestion.cellSize && suggestion.band ? (
                  <>
                    <p>{fill(t.explainCell, { cell: fmt(suggestion.cellSize), mean: fmt(suggestion.meanNnd), median: fmt(suggestion.medianNnd) })}</p>
                    <p>{suggestion.bandSource === 'moran-peak' ? fill(t.explainBandMoran, { band: fmt(suggestion.band) }) : fill(t.explainBandKth, { band: fmt(suggestion.band), k: suggestion.k ?? '–' })}</p>
                  </>
                ) : null}
                {m === 'emerging' ? <p>{fill(t.explainEmerging, { cell: fmt(suggestion.emergingCellSize) })}</p> : null}
                {m === 'kde' && suggestion.kdeBandwidth ? <p>{fill(t.explainKde, { bw: fmt(suggestion.kdeBandwidth) })}</p> : null}
                {suggestion.warnings.map((w) => (
                  <p key={w} role="alert" className={styles.error}>
                    {warningText(locale, { code: w, count: suggestion.incidents, minimum: suggestion.minimum } as never)}
                  </p>
                ))}
              </div>
            ) : null}
          </fieldset>
          <div className={styles.actions}>
            <button type="submit" disabled={Boolean(active)} data-testid="analysis-run">
              {t.run}
            </button>
            {active ? (
              <button type="button" onClick={() => void cancel()} data-testid="analysis-cancel">
                {t.cancel}
              </button>
            ) : null}
          </div>
        </form>
        {error ? (
          <p role="alert" className={styles.error}>
            {fill(t.error, { message: error })}
          </p>
        ) : null}
        {job ? (
          <div className={styles.progress} data-testid="analysis-progress" data-state={job.state}>
            {active ? (
              <>
                <p>
                  {job.state === 'queued' ? t.queued : `${t.running}: ${job.phase ? t.phases[job.phase] : ''} ${job.percent} %`}
                </p>
                <progress max={100} value={job.percent} aria-label={t.running} />
              </>
            ) : job.state === 'cancelled' ? (
              <p>{t.cancelled}</p>
            ) : job.state === 'failed' ? (
              <p className={styles.error}>{t.failed}</p>
            ) : null}
          </div>
        ) : null}
        {view ? (
          <>
            <ResultPanel locale={locale} view={view} incidents={job?.incidents ?? null} />
            <form className={styles.form} onSubmit={(e) => void save(e)} data-testid="analysis-save">
              <fieldset>
                <legend>{t.save}</legend>
                <label>
                  {t.title} <input type="text" name="title" required maxLength={200} defaultValue={`${t.methods[job!.method]} ${form.from} – ${form.to}`} />
                </label>
                <label>
                  <input type="radio" name="meeting_choice" checked={meetingChoice === 'none'} onChange={() => setMeetingChoice('none')} /> {t.meetingNone}
                </label>
                {meetings.length ? (
                  <label>
                    <input type="radio" name="meeting_choice" checked={meetingChoice === 'existing'} onChange={() => setMeetingChoice('existing')} /> {t.meetingExisting}
                  </label>
                ) : null}
                <label>
                  <input type="radio" name="meeting_choice" checked={meetingChoice === 'new'} onChange={() => setMeetingChoice('new')} data-testid="meeting-new" /> {t.meetingNew}
                </label>
                {meetingChoice === 'existing' ? (
                  <select name="meeting_id" aria-label={t.meetingExisting}>
                    {meetings.map((mt) => (
                      <option key={mt.id} value={mt.id}>
                        {mt.label}
                      </option>
                    ))}
                  </select>
                ) : null}
                {meetingChoice === 'new' ? (
                  <>
                    <label>
                      {t.heldOn} <input type="date" name="held_on" defaultValue={today} required />
                    </label>
                    <label>
                      {t.meetingKind}{' '}
                      <select name="kind" defaultValue="analysis">
                        <option value="analysis">{t.kindAnalysis}</option>
                        <option value="follow_up">{t.kindFollowUp}</option>
                      </select>
                    </label>
                    <fieldset>
                      <legend>{t.present}</legend>
                      {organisations.map((o) => (
                        <label key={o.id}>
                          <input type="checkbox" name="organisation_ids" value={o.id} /> {o.name}
                        </label>
                      ))}
                    </fieldset>
                    <label>
                      <input type="checkbox" name="meeting_mode" defaultChecked={meetingMode} /> {t.meetingMode}
                    </label>
                    <label>
                      {t.meetingNotes}
                      <textarea name="notes" rows={2} maxLength={4000} />
                    </label>
                    <label>
                      {t.decisions}
                      <textarea name="decisions" rows={2} maxLength={4000} />
                    </label>
                  </>
                ) : null}
                <div className={styles.actions}>
                  <button type="submit" disabled={saveState.busy} data-testid="analysis-save-button">
                    {saveState.busy ? t.saving : t.save}
                  </button>
                </div>
                {saveState.error ? (
                  <p role="alert" className={styles.error}>
                    {fill(t.saveError, { message: saveState.error })}
                  </p>
                ) : null}
              </fieldset>
            </form>
          </>
        ) : null}
        {props.children}
      </aside>
      <div className={styles.mapArea}>
        <AnalysisMap areas={areas} bounds={bounds} method={view?.method ?? null} cells={view?.cells} clusters={view?.clusters} fitTo={view?.bounds ?? null} ariaLabel={t.heading} />
      </div>
    </div>
  );
}
