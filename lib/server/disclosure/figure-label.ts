import 'server-only';
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';

/**
 * How a figure is named in audit reports and refusals: "2026-Q3 v2 Värnamo centrum · Våld och hot"
 * for the public, prefixed by the audience otherwise ("council 2026-Q3 v1 …").
 */
export function formatFigureLabel(f: { audience: string; quarter: string; version: number; areaName: string; group: string }): string {
  const group = f.group === 'all' ? 'alla grupper' : (CATEGORY_GROUP_LABELS[f.group as CategoryGroup]?.sv ?? f.group);
  return `${f.audience === 'public' ? '' : `${f.audience} `}${f.quarter} v${f.version} ${f.areaName} · ${group}`;
}
