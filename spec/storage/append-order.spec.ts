import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import type { Database, Key, RootDatabase } from 'lmdb';
import { appendsInOrder, putMaybeAppended } from '../../storage/append-order.js';

describe('storage/append-order: MDB_APPEND only for keys proven to sort last', () => {
  let tmp: string;
  let env: RootDatabase;
  let db: Database<string, Key>;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-append-'));
    env = open(join(tmp, 'log'), { maxDbs: 4 });
    db = env.openDB('t', { encoding: 'msgpack' });
  });
  afterEach(async () => {
    await env.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('allows keys that rise strictly and follow every stored key', async () => {
    expect(appendsInOrder(db, [['s', 1], ['s', 2]])).to.equal(true); // empty database
    await db.put(['s', 2, 'E1'], 'x');
    expect(appendsInOrder(db, [['s', 2, 'E2'], ['s', 3], ['t', 0]])).to.equal(true);
    expect(appendsInOrder(db, [['s', 2, 'E1']])).to.equal(false); // equal to the last stored
    expect(appendsInOrder(db, [['s', 1, 'E9']])).to.equal(false); // before it
    expect(appendsInOrder(db, [['s', 3], ['s', 3]])).to.equal(false); // a repeat
    expect(appendsInOrder(db, [['s', 4], ['s', 3]])).to.equal(false); // falling
    expect(appendsInOrder(db, [['s', 10], ['s', 9]])).to.equal(false); // numbers compare as numbers
    expect(appendsInOrder(db, [['s', 3, 'E1'], ['s', 3, 'E10'], ['s', 3, 'E2']])).to.equal(true); // a prefix sorts first
    expect(appendsInOrder(db, [])).to.equal(false);
  });

  it('does not vouch for text whose JavaScript order may not be LMDB byte order', () => {
    expect(appendsInOrder(db, [['s', 'é']])).to.equal(false);
    expect(appendsInOrder(db, [['s', 'a\u0001']])).to.equal(false);
    expect(appendsInOrder(db, ['plain string key'])).to.equal(false);
  });

  it('puts appended keys where ordinary puts would, and a proven batch really appends', async () => {
    const keys: Key[] = [['s', 1, 'E1'], ['s', 1, 'E2'], ['s', 2, 'E1']];
    expect(appendsInOrder(db, keys)).to.equal(true);
    const results = await Promise.all(keys.map((k, i) => putMaybeAppended(db, k, `v${i}`, true)));
    expect(results).to.deep.equal([true, true, true]);
    // The guard is what keeps this from happening silently: an appended key before the last one fails.
    expect(await putMaybeAppended(db, ['s', 0], 'late', true)).to.equal(false);
    expect(db.get(['s', 0])).to.equal(undefined);
    expect(await putMaybeAppended(db, ['s', 0], 'late', false)).to.equal(true);
    expect([...db.getRange({})].map((e) => e.value)).to.deep.equal(['late', 'v0', 'v1', 'v2']);
  });

  it('fills pages: 2,000 values of 1 KB in key order take fewer leaf pages appended than put', async () => {
    const other = env.openDB('u', { encoding: 'msgpack' });
    const value = 'x'.repeat(1000);
    const keys: Key[] = Array.from({ length: 2000 }, (_, i) => ['s', i]);
    const appended = appendsInOrder(db, keys);
    await Promise.all(keys.map((k) => putMaybeAppended(db, k, value, appended)));
    await Promise.all(keys.map((k) => putMaybeAppended(other, k, value, false)));
    const leaves = (d: Database<string, Key>): number => (d.getStats() as { treeLeafPageCount: number }).treeLeafPageCount;
    // Three 1 KB values fit a 4 KB page: ~667 pages appended; splitting in half leaves ~2 a page.
    expect(leaves(db)).to.be.below(700);
    expect(leaves(other)).to.be.above(900);
  });
});
