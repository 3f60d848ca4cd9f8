'use client';
// "Print or save as PDF": the browser's print dialog, where "Save as PDF" is one of the printers.
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} data-testid="print-report">
      {label}
    </button>
  );
}
