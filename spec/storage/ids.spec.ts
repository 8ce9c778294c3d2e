import { expect } from 'chai';
import { areDerivedIds, deriveEventId, derivedIds, isCanonicalUuid, packUuids, unpackUuid } from '../../storage/ids.js';

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

  it('tells whether packed ids are exactly the derived ids 0..n-1 of a participant-year', () => {
    const ids = derivedIds('s', 'E000001', 2025, 300);
    const derived = (list: readonly string[], s = 's', e = 'E000001', y = 2025): boolean => areDerivedIds(packUuids(list), list.length, s, e, y);
    expect(derived(ids)).to.equal(true);
    expect(derived([])).to.equal(true);
    expect(derived(ids, 's', 'E000001', 2026)).to.equal(false);
    expect(derived(ids, 's', 'E000002', 2025)).to.equal(false);
    expect(derived(ids.slice(1))).to.equal(false);
    expect(derived([...ids.slice(0, 299), ids[0]!])).to.equal(false);
    // the version and variant nibbles are part of the id: another nibble there is another id
    for (const at of [14, 19]) {
      for (const c of '0123456789abcdef') {
        const other = ids[7]!.slice(0, at) + c + ids[7]!.slice(at + 1);
        expect(derived([...ids.slice(0, 7), other]), other).to.equal(other === ids[7]);
      }
    }
    for (const [s, e, y] of [['scenario-α', '', 2030], ['x', 'E000001', -5]] as const) {
      expect(derived(derivedIds(s, e, y, 40), s, e, y)).to.equal(true);
    }
  });
});
