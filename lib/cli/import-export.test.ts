// `lagesbild import` arguments: --map pairs and the options are checked before any file or database is touched.
import { describe, expect, it } from 'vitest';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import { runImportCommand } from './import-export';

const io = { stdout: () => {}, stderr: () => {} };
const base = ['--kind', 'incidents', '--file', '/nonexistent/lagesbild-import.csv', '--as', 'polis@demo.lagesbild.example'];

async function usage(argv: string[]): Promise<string> {
  const err = await runImportCommand(argv, io).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
}

describe('lagesbild import --map', () => {
  it('refuses a pair without FIELD=', async () => {
    expect(await usage([...base, '--map', 'Brottskod'])).toMatch(/--map Brottskod: write FIELD=COLUMN/);
    expect(await usage([...base, '--map', '=Brottskod'])).toMatch(/write FIELD=COLUMN/);
  });

  it('refuses a field mapped twice and a field the kind does not have', async () => {
    expect(await usage([...base, '--map', 'category=A', '--map', 'category=B'])).toMatch(/category is mapped twice/);
    expect(await usage([...base, '--map', 'colour=A'])).toMatch(/colour is not a field of incidents/);
  });

  it('accepts repeated pairs (and FIELD= to leave a column unused), then checks the file', async () => {
    expect(await usage([...base, '--map', 'category=Brottskod', '--map', 'occurred_at=Anmäld tid', '--map', 'description=', '--crs', 'EPSG:3006'])).toMatch(/--file: .* does not exist/);
    expect(await usage([...base, '--crs', 'EPSG:9999'])).toMatch(/crs must be auto, EPSG:4326 or EPSG:3006/);
  });
});
