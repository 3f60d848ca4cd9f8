// Everything an audience has been given, as the audit's linear facts: every published figure of every
// publication (all versions, groups, totals, areas) is a fact over its cell variables, every
// suppressed figure is an unknown to bound (DESIGN.md §8).
import type { DisclosureAuditInput, PublishedFact, SuppressedFigure } from './disclosure-audit';

export interface AuditedFigure {
  /** Readable name for reports, e.g. "2026-Q3 v2 Centrum · violence". */
  label: string;
  count: number | null;
  suppressed: boolean;
  parts: readonly string[];
}

export interface AuditedPublication {
  /** Order of versions of the same quarter: facts over the same cells are compared in this order. */
  version: number;
  figures: readonly AuditedFigure[];
  /**
   * Whether its suppressed figures are to be bounded (default true). False for another audience's
   * publication that this audience can read: its published figures are facts, but what it suppressed
   * may be known exactly to this audience (the council at k = 3 reading the public map at k = 5).
   */
  boundSuppressed?: boolean;
}

/** Facts and suppressed unknowns of a set of publications for one audience, with its k. */
export function buildAuditInput(publications: readonly AuditedPublication[], k: number): DisclosureAuditInput {
  const facts: PublishedFact[] = [];
  const suppressed: SuppressedFigure[] = [];
  for (const p of publications) {
    for (const f of p.figures) {
      if (f.suppressed || f.count === null) {
        if (p.boundSuppressed !== false) suppressed.push({ id: f.label, variables: f.parts });
      }
      else if (f.parts.length > 0) facts.push({ id: f.label, variables: f.parts, value: f.count, version: p.version });
    }
  }
  return { facts, suppressed, k };
}
