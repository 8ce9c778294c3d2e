import { expect } from 'chai';
import { IdSet } from '../../storage/id-set.js';
import { deriveEventId, packUuids } from '../../storage/ids.js';

describe('storage/id-set', () => {
  it('holds canonical ids whether given as text or packed, and any other text apart', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => deriveEventId('s', `E${i % 50}`, 2025, i));
    const packed = packUuids(ids);
    const set = new IdSet();
    ids.forEach((id, i) => (i % 2 === 0 ? set.add(id) : set.addPacked(packed, i)));
    expect(set.size).to.equal(ids.length);
    ids.forEach((id, i) => {
      expect(set.has(id)).to.equal(true);
      expect(set.hasPacked(packed, i)).to.equal(true);
    });
    const others = ['not-a-uuid', ids[0]!.toUpperCase(), `${ids[1]!} `];
    for (const o of others) expect(set.has(o)).to.equal(false);
    others.forEach((o) => set.add(o));
    for (const o of others) expect(set.has(o)).to.equal(true);
    expect(set.size).to.equal(ids.length + others.length);
  });

  it('tells apart ids that differ in one word only, and adds an id once', () => {
    const a = '00000000-0000-4000-8000-000000000000';
    const twins = [a, '00000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000000', '00000000-0000-4000-8001-000000000000'];
    const set = new IdSet(1);
    set.add(a);
    set.add(a);
    expect(set.size).to.equal(1);
    expect(twins.map((t) => set.has(t))).to.deep.equal([true, false, false, false]);
    twins.forEach((t) => set.add(t));
    expect(set.size).to.equal(4);
  });
});
