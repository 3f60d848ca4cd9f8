'use client';
import { useActionState } from 'react';
import type { AuthTextKey } from '../../../_lib/auth-texts';
import { enrolmentAction, type EnrolmentState } from '../../actions';

/** Two steps: confirm the password to get a key, then the first code from the app turns TOTP on. */
export function EnrolForm({ t }: { t: Record<AuthTextKey, string> }) {
  const [state, action, pending] = useActionState<EnrolmentState, FormData>(enrolmentAction, { step: 'password' });
  if (state.step === 'password') {
    return (
      <form action={action} style={{ display: 'grid', gap: '0.75rem' }}>
        {state.error ? <p role="alert">{t.enrolFailed}</p> : null}
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required style={{ display: 'block', width: '100%' }} />
        </label>
        <button type="submit" disabled={pending}>
          {t.enrolStart}
        </button>
      </form>
    );
  }
  return (
    <form action={action} style={{ display: 'grid', gap: '0.75rem' }}>
      <p>{t.enrolKey}</p>
      <code data-testid="totp-secret" style={{ fontSize: '1.2rem', wordBreak: 'break-all' }}>
        {state.secret}
      </code>
      <p>
        {t.enrolUri} <a href={state.totpURI}>otpauth://</a>
      </p>
      <p>{t.enrolBackup}</p>
      <ul data-testid="backup-codes">
        {state.backupCodes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      {state.error ? <p role="alert">{t.codeFailed}</p> : null}
      <label>
        {t.enrolConfirm}
        <input name="code" inputMode="numeric" autoComplete="one-time-code" required style={{ display: 'block', width: '100%' }} />
      </label>
      <button type="submit" disabled={pending}>
        {t.verify}
      </button>
    </form>
  );
}
