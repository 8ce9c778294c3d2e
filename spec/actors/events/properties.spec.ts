/** Properties over generated events: round trips, and no input can make decoding throw. */
import { expect } from 'chai';
import fc from 'fast-check';
import { EventC, INVALID, decodeEvent, encodeEvent } from '../../../actors/events/index.js';
import { canonicalEventArb, eventArb } from './arbitraries.js';

type Json = Record<string, unknown>;

/** Every path to a value inside a JSON object: ['payload', 'amount'], ['sequence'], … */
function paths(o: Json, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(o)) {
    out.push([...prefix, k]);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(...paths(v as Json, [...prefix, k]));
  }
  return out;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: unknown } | { kind: 'add'; key: string; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue() }),
  fc.record({
    kind: fc.constant('replace' as const),
    value: fc.oneof(fc.string(), fc.stringMatching(/^-?\d{1,4}(\.\d{0,6})?$/), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), fc.double(), fc.integer()),
  }),
  fc.record({ kind: fc.constant('add' as const), key: fc.stringMatching(/^[a-zA-Z]{1,8}$/), value: fc.jsonValue() }),
);

function mutate(json: Json, path: string[], m: Mutation): Json {
  const copy = structuredClone(json);
  let o: Json = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Json;
  const last = path[path.length - 1]!;
  if (m.kind === 'delete') delete o[last];
  else if (m.kind === 'replace') o[last] = m.value;
  else o[m.key] = m.value;
  return copy;
}

const FIRST_KEY = /^(eventId|scenarioId|planDesignId|employeeId|effectiveDate|sequence|schemaVersion|payload|[a-zA-Z]{1,8})(\.|: \S)/;

describe('actors/events properties', () => {
  it('every valid event survives encode → decode unchanged', () => {
    fc.assert(
      fc.property(eventArb(), (e) => {
        const r = decodeEvent(JSON.parse(JSON.stringify(encodeEvent(e))));
        expect(r).to.deep.equal({ _tag: 'Right', right: e });
      }),
      { numRuns: 500 },
    );
  });

  it('decode → encode is the identity on canonical input, byte for byte', () => {
    fc.assert(
      fc.property(canonicalEventArb(), (json) => {
        const text = JSON.stringify(json);
        const r = decodeEvent(JSON.parse(text));
        if (r._tag === 'Left') throw new Error(r.left.join('\n'));
        expect(JSON.stringify(encodeEvent(r.right))).to.equal(text);
      }),
      { numRuns: 500 },
    );
  });

  it('any mutation is still valid or rejected with a path, never thrown', () => {
    const arb = canonicalEventArb().chain((json) =>
      fc.tuple(fc.constant(json as unknown as Json), fc.constantFrom(...paths(json as unknown as Json)), mutationArb),
    );
    fc.assert(
      fc.property(arb, ([json, path, m]) => {
        const mutated = mutate(json, path, m);
        const r = decodeEvent(mutated);
        if (r._tag === 'Right') {
          // still valid: it must survive its own round trip
          expect(decodeEvent(encodeEvent(r.right))).to.deep.equal({ _tag: 'Right', right: r.right });
          return;
        }
        expect(r.left.length).to.be.greaterThan(0);
        // a dotted path from the root (its first key is a field of the event or the key added), then the problem
        for (const line of r.left) expect(line).to.match(FIRST_KEY, line);
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast path and the explaining path agree', () => {
    fc.assert(
      fc.property(canonicalEventArb(), fc.jsonValue(), (json, noise) => {
        for (const input of [json, noise, { ...json, payload: noise }]) {
          const fast = EventC.fast(input);
          const slow = EventC.validate(input, [{ key: '', type: EventC, actual: input }]);
          if (fast !== INVALID) expect(slow).to.deep.equal({ _tag: 'Right', right: fast });
          if (slow._tag === 'Left') expect(fast).to.equal(INVALID);
        }
      }),
      { numRuns: 300 },
    );
  });
});
