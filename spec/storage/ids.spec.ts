import { expect } from 'chai';
import { deriveEventId, derivedIds, isCanonicalUuid, packUuids, unpackUuid } from '../../storage/ids.js';

/** The documented definition, written plainly: cyrb128 of the joined key, printed as a v8 UUID. */
function reference(s: string, e: string, y: number, k: number): string {
  const str = `${s}\u0000${e}\u0000${y}\u0000${k}`;
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = '89ab'[(h3 >>> 30) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('storage/ids', () => {
  it('is cyrb128 of "scenario NUL employee NUL year NUL ordinal" as a v8 UUID', () => {
    for (const [s, e, y, k] of [['s', 'E1', 2025, 0], ['scenario-α', '', 2030, 123456], ['x', 'E000001', 0, 99]] as const) {
      expect(deriveEventId(s, e, y, k)).to.equal(reference(s, e, y, k));
    }
  });

  it('derives a version-8, variant-10 UUID, the same on every call', () => {
    const id = deriveEventId('scenario', 'E000001', 2026, 17);
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveEventId('scenario', 'E000001', 2026, 17)).to.equal(id);
  });

  it('gives different ids to different keys (no collisions in 200,000 neighbours)', () => {
    const seen = new Set<string>();
    for (const s of ['a', 'b']) for (let e = 0; e < 100; e++) for (const y of [2025, 2026]) {
      derivedIds(s, `E${e}`, y, 500).forEach((id) => seen.add(id));
    }
    expect(seen.size).to.equal(2 * 100 * 2 * 500);
    // key parts are separated, so shifting a digit between parts changes the id
    expect(deriveEventId('s1', '2', 2025, 0)).to.not.equal(deriveEventId('s', '12', 2025, 0));
  });

  it('packs canonical UUIDs into 16 bytes and back', () => {
    const ids = ['00000000-0000-4000-8000-000000000000', deriveEventId('x', '', 1, 2), 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    const buf = packUuids(ids);
    expect(buf.length).to.equal(48);
    expect(ids.map((_, i) => unpackUuid(buf, i))).to.deep.equal(ids);
    expect(isCanonicalUuid('ABCDEF00-0000-4000-8000-000000000000')).to.equal(false);
  });
});
