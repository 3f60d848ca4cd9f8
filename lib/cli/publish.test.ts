import { describe, expect, it } from 'vitest';
import { runPublishCommand } from './publish';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runPublishCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('lagesbild publish arguments', () => {
  it('exits 2 naming a malformed quarter', async () => {
    const r = await run(['--quarter', '2026-Q5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--quarter must look like 2026-Q3/);
  });

  it('exits 2 when none of --quarter, --all-closed and --report is given', async () => {
    expect((await run([])).err).toMatch(/exactly one of --quarter YYYY-Qn, --all-closed or --report/);
  });

  it('exits 2 naming an unknown audience', async () => {
    const r = await run(['--quarter', '2026-Q3', '--audience', 'press']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--audience must be public, council or partner/);
  });

  it('exits 2 for a k below 3', async () => {
    expect((await run(['--quarter', '2026-Q3', '--k', '2'])).err).toMatch(/--k must be at least 3/);
  });

  it('exits 2 naming an unknown option', async () => {
    const r = await run(['--quarter', '2026-Q3', '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--force/);
  });

  it('prints its usage for --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/lagesbild publish --quarter/);
  });
});
