import { expect } from 'chai';
import { ByteArena, unchunkBytes } from '../../engine/parallel/codec.js';

describe('parallel/codec: ByteArena', () => {
  const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

  it('keeps copies of byte strings in few chunks and gives them back in any order, a large one in a chunk of its own', () => {
    const arena = new ByteArena(16);
    // 10 + 5 fit one 16-byte chunk; 4 more starts a second; 40 gets its own; 3 goes after it.
    const views = [bytes(10, 1), bytes(5, 2), bytes(4, 3), bytes(40, 4), bytes(3, 5)].map((b) => arena.add(b));
    const order = [4, 0, 3, 2, 1];
    const packed = arena.pack(order.map((i) => views[i]!));
    expect(packed.chunks.map((c) => c.length)).to.deep.equal([16, 16, 40, 16]);
    expect([...packed.chunkOf]).to.deep.equal([3, 0, 2, 1, 0]);
    expect([...packed.starts]).to.deep.equal([0, 0, 0, 0, 10]);
    expect(unchunkBytes(packed).map((v) => [v.length, v[0]])).to.deep.equal([[3, 5], [10, 1], [40, 4], [4, 3], [5, 2]]);
  });

  it('copies what it is given, and refuses to pack a string it does not hold', () => {
    const arena = new ByteArena(16);
    const source = bytes(4, 7);
    const view = arena.add(source);
    source.fill(0);
    expect([...view]).to.deep.equal([7, 7, 7, 7]);
    expect(() => arena.pack([source])).to.throw(RangeError, "a string that is not one of this arena's");
  });
});
