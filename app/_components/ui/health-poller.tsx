'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';

const POLL_MS = 1000;
const PHASES = ['idle', 'starting', 'migrating', 'seeding', 'ready', 'failed'] as const;
type Phase = (typeof PHASES)[number];

function isPhase(v: unknown): v is Phase {
  return typeof v === 'string' && (PHASES as readonly string[]).includes(v);
}

/** Polls /api/health every second, shows the phase, and re-renders the page once the database is ready or failed. */
export function HealthPoller({ locale, initialPhase }: { locale: Locale; initialPhase: Phase }) {
  const t = getTranslator(locale);
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>(initialPhase);
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    let stopped = false;
    let refreshed = false;
    const started = Date.now();
    const tick = async () => {
      setSeconds(Math.round((Date.now() - started) / 1000));
      try {
        const res = await fetch('/api/health', { cache: 'no-store' });
        const body: unknown = await res.json();
        const status = (body as { status?: unknown }).status;
        if (stopped || !isPhase(status)) return;
        setPhase(status);
        if ((status === 'ready' || status === 'failed') && !refreshed) {
          refreshed = true;
          router.refresh();
        }
      } catch {
        // The server may be restarting: keep polling.
      }
    };
    const id = window.setInterval(tick, POLL_MS);
    void tick();
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
  }, [router]);

  return (
    <p aria-live="polite" data-testid="db-phase" data-phase={phase}>
      {t('db.phaseLabel', { phase: t(`db.phase.${phase}` as MessageKey) })} · {t('db.elapsed', { seconds })}
    </p>
  );
}
