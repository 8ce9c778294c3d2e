/**
 * Forfeiture (RULES.md §8, CONTRACTS.md readings 12-13): the unvested part of an employer
 * balance at termination, and the Dec 31 reallocation of the forfeiture account.
 */
import type { Cents } from './units.js';
import { floorDiv } from './units.js';

export { forfeitedAmount } from './vesting.js';

/**
 * Splits `account` cents in proportion to `comp`: each gets floor(account × comp / Σcomp), and
 * the cents left over stay in the account. One allocation per weight, in input order, zero
 * amounts included (the caller does not emit those, reading 13). A non-positive account or
 * total weight allocates nothing. Exact for any size (BigInt when account × comp passes 2^52).
 */
export function reallocate(
  account: Cents,
  weights: readonly { id: string; comp: Cents }[],
): { allocations: readonly { id: string; amount: Cents }[]; leftover: Cents } {
  let total = 0;
  for (const w of weights) if (w.comp > 0) total += w.comp;
  if (account <= 0 || total <= 0) {
    return { allocations: weights.map((w) => ({ id: w.id, amount: 0 as Cents })), leftover: account };
  }
  let given = 0;
  const allocations = weights.map((w) => {
    let amount = 0;
    if (w.comp > 0) {
      const p = account * w.comp;
      amount = p < 2 ** 52 ? floorDiv(p, total) : Number((BigInt(account) * BigInt(w.comp)) / BigInt(total));
    }
    given += amount;
    return { id: w.id, amount: amount as Cents };
  });
  return { allocations, leftover: (account - given) as Cents };
}
