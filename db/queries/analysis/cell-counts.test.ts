import { describe, expect, it } from 'vitest';
import { listStepKeys } from '@/db/queries/analysis/cell-counts';

describe('listStepKeys', () => {
  it('lists every quarter from the quarter of the first date to that of the last, across a year end', () => {
    expect(listStepKeys('2024-11-15', '2025-04-01', 'quarter')).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
  });

  it('lists every month of five years as sixty keys', () => {
    const keys = listStepKeys('2021-01-01', '2025-12-31', 'month');
    expect(keys).toHaveLength(60);
    expect([keys[0], keys[11], keys[12], keys[59]]).toEqual(['2021-01', '2021-12', '2022-01', '2025-12']);
  });

  it('gives one key when both dates fall in the same step', () => {
    expect(listStepKeys('2025-05-02', '2025-05-30', 'month')).toEqual(['2025-05']);
  });
});
