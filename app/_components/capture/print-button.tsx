'use client';

export function PrintButton({ label, className }: { label: string; className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()} data-testid="protocol-print">
      {label}
    </button>
  );
}
