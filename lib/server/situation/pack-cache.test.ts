import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { type CachedPointPack, PackCache, packCacheKey } from './pack-cache';

const pack = (bytes: number): CachedPointPack => ({ body: new Uint8Array(bytes), gzipped: null, count: 1, truncated: false, idsHash: 'h' });
const police: Viewer = { userId: 'u1', actor: 'a@x', municipalityCode: '0683', held: [{ role: 'police', organisationId: 'o1' }], meetingMode: false };
const key = (over: Partial<Parameters<typeof packCacheKey>[0]> = {}) =>
  packCacheKey({ kind: 'incident', filters: { municipality: '0683', from: '2025-01-01', categories: ['b', 'a'] }, viewer: police, categoryKeys: ['a', 'b'], revision: '7', ...over });

describe('pack cache', () => {
  it('evicts the least recently used packs when over its byte limit', async () => {
    const cache = new PackCache(3 * (1000 + 256));
    for (const k of ['a', 'b', 'c']) await cache.getOrBuild(k, async () => pack(1000));
    await cache.getOrBuild('a', async () => pack(1000));
    await cache.getOrBuild('d', async () => pack(1000));
    expect(cache.size).toBe(3);
    expect((await cache.getOrBuild('a', async () => pack(1))).hit).toBe(true);
    expect((await cache.getOrBuild('b', async () => pack(1))).hit).toBe(false);
    expect(cache.totalBytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('does not keep a pack larger than the whole cache', async () => {
    const cache = new PackCache(500);
    await cache.getOrBuild('big', async () => pack(1000));
    expect(cache.size).toBe(0);
  });

  it('builds a key once while concurrent requests wait for it', async () => {
    const cache = new PackCache(1 << 20);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 10));
      return pack(10);
    };
    const results = await Promise.all([cache.getOrBuild('k', build), cache.getOrBuild('k', build), cache.getOrBuild('k', build)]);
    expect(builds).toBe(1);
    expect(new Set(results.map((r) => r.pack)).size).toBe(1);
  });

  it('a failed build is not kept', async () => {
    const cache = new PackCache(1 << 20);
    await expect(cache.getOrBuild('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await cache.getOrBuild('k', async () => pack(1))).hit).toBe(false);
  });

  it('the key follows the access scope, the revision and the categories, not the user or the order of list filters', () => {
    expect(key()).toBe(key({ filters: { categories: ['a', 'b'], from: '2025-01-01', municipality: '0683' } }));
    expect(key()).toBe(key({ viewer: { ...police, userId: 'u2', actor: 'other@x' } }));
    expect(key()).not.toBe(key({ viewer: { ...police, meetingMode: true } }));
    expect(key()).not.toBe(key({ viewer: { ...police, held: [{ role: 'partner', organisationId: 'o1' }] } }));
    expect(key()).not.toBe(key({ viewer: { ...police, held: [{ role: 'police', organisationId: 'o2' }] } }));
    expect(key()).not.toBe(key({ viewer: { ...police, municipalityCode: '0684' } }));
    expect(key()).not.toBe(key({ revision: '8' }));
    expect(key()).not.toBe(key({ categoryKeys: ['a'] }));
    expect(key()).not.toBe(key({ kind: 'situation' }));
  });
});
