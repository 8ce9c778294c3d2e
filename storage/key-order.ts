/**
 * Whether an object's own enumerable keys are exactly a list, in order: how the record
 * encoders (segment shapes, snapshot shapes, participant records) recognise an object of a
 * known shape without building its key list (Object.keys on every object was most of a
 * row's cost).
 */
export function hasKeysInOrder(o: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (keys[i++] !== k) return false;
  return i === keys.length;
}
