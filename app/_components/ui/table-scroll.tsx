import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroll area: focusable with a name, so keyboard users can scroll it
 * (axe: scrollable-region-focusable) and a phone-width page never scrolls sideways as a whole.
 */
export function TableScroll({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}
