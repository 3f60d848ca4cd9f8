'use client';
// A dialogue summary (focus group, digital safety walk …) attached to an area and, optionally, the EST
// meeting it was brought to. Posts to /api/v1/dialogue-summaries, or with `edit` corrects one summary
// (PATCH /api/v1/dialogue-summaries/ID, the form filled with its fields); errors are shown by field.
import { useState } from 'react';
import styles from './import.module.css';

type TextKey =
  | 'heading' | 'intro' | 'area' | 'meeting' | 'noMeeting' | 'kind' | 'heldOn' | 'title' | 'summary' | 'participants' | 'source' | 'save' | 'saved' | 'failed' | 'choose';
export type DialogueFormTexts = Record<TextKey, string>;

/** The summary being corrected: its id and current fields (the form starts from them and keeps them after saving). */
export interface DialogueFormEdit {
  id: string;
  values: { area_id: string; est_meeting_id: string | null; kind: string; held_on: string; title: string; summary: string; participants: number | null; source: string | null };
}

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export function DialogueForm(props: {
  areas: { id: string; name: string; kind: string }[];
  meetings: { id: string; label: string }[];
  kinds: { value: string; label: string }[];
  texts: DialogueFormTexts;
  edit?: DialogueFormEdit;
}) {
  const t = props.texts;
  const initial = props.edit?.values;
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string; area: string } | null>(null);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);

  async function save(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const participants = text('participants');
    const body = {
      area_id: text('area_id'),
      est_meeting_id: text('est_meeting_id') || null,
      kind: text('kind'),
      held_on: text('held_on'),
      title: text('title'),
      summary: text('summary'),
      participants: participants === '' ? null : Number(participants.replace(/\s/g, '')),
      source: text('source') || null,
    };
    setBusy(true);
    setSaved(null);
    setErrors([]);
    try {
      const res = await fetch(props.edit ? `/api/v1/dialogue-summaries/${encodeURIComponent(props.edit.id)}` : '/api/v1/dialogue-summaries', {
        method: props.edit ? 'PATCH' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => null)) as { summary?: { title: string }; error?: { message: string; issues?: { path: (string | number)[]; message: string }[] } } | null;
      if (res.ok && json?.summary) {
        setSaved({ title: json.summary.title, area: props.areas.find((a) => a.id === body.area_id)?.name ?? '' });
        if (!props.edit) form.reset();
      } else {
        const issues = json?.error?.issues?.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
        setErrors(issues?.length ? issues : [{ field: '', message: json?.error?.message ?? `HTTP ${res.status}` }]);
      }
    } catch (err) {
      setErrors([{ field: '', message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (field: string) => errors.filter((e) => e.field === field).map((e) => e.message).join('; ');
  const field = (name: string, label: string, control: React.ReactNode) => (
    <label>
      {label}
      {control}
      {errorFor(name) ? (
        <span className={styles.errors} data-testid={`dialogue-error-${name}`}>
          {errorFor(name)}
        </span>
      ) : null}
    </label>
  );
  return (
    <form
      className={styles.form}
      data-testid="dialogue-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(e.currentTarget);
      }}
    >
      {field(
        'area_id',
        t.area,
        <select name="area_id" required defaultValue={initial?.area_id ?? ''} data-testid="dialogue-area">
          <option value="" disabled>
            {t.choose}
          </option>
          {props.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'est_meeting_id',
        t.meeting,
        <select name="est_meeting_id" defaultValue={initial?.est_meeting_id ?? ''} data-testid="dialogue-meeting">
          <option value="">{t.noMeeting}</option>
          {props.meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>,
      )}
      {field(
        'kind',
        t.kind,
        <select name="kind" defaultValue={initial?.kind ?? 'focus_group'} data-testid="dialogue-kind">
          {props.kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>,
      )}
      {field('held_on', t.heldOn, <input type="date" name="held_on" required defaultValue={initial?.held_on} data-testid="dialogue-held-on" />)}
      {field('title', t.title, <input type="text" name="title" required maxLength={200} defaultValue={initial?.title} data-testid="dialogue-title" />)}
      {field('summary', t.summary, <textarea name="summary" required rows={6} maxLength={12000} defaultValue={initial?.summary} data-testid="dialogue-summary" />)}
      {field('participants', t.participants, <input
          type="number"
          name="participants"
          min={0}
          max={100000}
          step={1}
          inputMode="numeric"
          defaultValue={initial?.participants ?? undefined}
          data-testid="dialogue-participants"
        />)}
      {field('source', t.source, <input type="text" name="source" maxLength={200} defaultValue={initial?.source ?? undefined} data-testid="dialogue-source" />)}
      <div className={styles.buttons}>
        <button type="submit" disabled={busy} data-testid="dialogue-save">
          {t.save}
        </button>
      </div>
      <div aria-live="polite">
        {saved ? (
          <p className={styles.ok} role="status" data-testid="dialogue-saved">
            {fill(t.saved, saved)}
          </p>
        ) : null}
        {errors.some((e) => e.field === '' || !['area_id', 'est_meeting_id', 'kind', 'held_on', 'title', 'summary', 'participants', 'source'].includes(e.field)) ? (
          <p className={styles.errors} role="alert" data-testid="dialogue-failed">
            {fill(t.failed, { message: errors.map((e) => e.message).join('; ') })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
