/**
 * What-if files (docs/whatif.md): one census, one workforce model, one seed, and several plan
 * designs to compare: `{ whatifId, seed, startYear, years, census, workforce?, events?, base,
 * variants: [{ name, plan? | overrides? }], fork? }`. Decoding is strict like the scenario
 * codec (an unknown field is an error) and reports every problem at once with its path
 * (`variants.1.overrides.match.tiers.0.upTo: …`), prefixed with the file's name.
 * Plan designs (`base`, a variant's `plan`) may be given inline or as a path to a plan design
 * file, relative to the what-if file.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import { decodePlanDesign, encodePlanDesign } from '../../rules/plan-design.js';
import type { PlanDesign } from '../../rules/plan-design.js';
import { decodeScenarioSync } from '../scenario.js';
import type { Scenario } from '../scenario.js';
import { deriveDesign, variantScenario } from './variants.js';

export interface WhatIfVariant {
  readonly name: string;
  /** The variant's scenario: `<whatifId>/<name>`, the shared census, workforce and seed, its own design. */
  readonly scenario: Scenario;
}

/** Continue a stored run: its log and snapshots up to `year`, then each variant's design. */
export interface WhatIfFork {
  /** The stored run's folder (resolved against the what-if file). */
  readonly from: string;
  readonly scenarioId: string;
  /** The last year taken from the stored run; variants simulate from `year + 1`. */
  readonly year: number;
}

export interface WhatIf {
  readonly whatifId: string;
  readonly seed: number;
  readonly startYear: number;
  readonly years: number;
  /** The shared inputs with the base design (scenarioId = whatifId). */
  readonly base: Scenario;
  /** At least one; the first is the one the others are compared with. */
  readonly variants: readonly WhatIfVariant[];
  readonly fork: WhatIfFork | null;
}

const KEYS = ['whatifId', 'seed', 'startYear', 'years', 'census', 'workforce', 'events', 'base', 'variants', 'fork'] as const;
const REQUIRED = ['whatifId', 'seed', 'startYear', 'years', 'census', 'base', 'variants'] as const;
const VARIANT_KEYS = ['name', 'plan', 'overrides'] as const;
const FORK_KEYS = ['from', 'scenarioId', 'year'] as const;
/** Variant names become part of scenario ids and CSV headers. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PLACEHOLDER_PLAN = { planId: 'whatif', planDesignId: 'whatif' };

const show = (u: unknown): string => (u === undefined ? 'nothing' : JSON.stringify(u) ?? String(u));
const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** A plan design given inline or as a path to a plan design file (relative to `baseDir`). */
function readDesign(u: unknown, path: string, baseDir: string, errors: string[]): PlanDesign | undefined {
  let json = u;
  let at = path;
  if (typeof u === 'string') {
    const file = resolve(baseDir, u);
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      const why = e instanceof SyntaxError ? `not valid JSON (${e.message})` : `cannot read the plan design file (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      errors.push(`${path}: ${u}: ${why}`);
      return undefined;
    }
    at = `${path} (${u})`;
  } else if (!isObject(u)) {
    errors.push(`${path}: expected a plan design (an object) or the path of a plan design file, got ${show(u)}`);
    return undefined;
  }
  const r = decodePlanDesign(json);
  if (r._tag === 'Left') {
    errors.push(...r.left.map((m) => `${at}.${m}`));
    return undefined;
  }
  return r.right;
}

/** Decodes a parsed what-if; `baseDir` resolves the census, plan and fork paths; `label` prefixes messages. */
export function decodeWhatIf(json: unknown, baseDir: string = process.cwd(), label?: string): Either<string[], WhatIf> {
  const prefix = label === undefined ? '' : `${label}: `;
  if (!isObject(json)) return left([`${prefix}expected a JSON object with ${REQUIRED.join(', ')}`]);
  const own: string[] = [];
  for (const k of REQUIRED) if (json[k] === undefined) own.push(`${k}: required`);
  for (const k of Object.keys(json)) if (!(KEYS as readonly string[]).includes(k)) own.push(`${k}: unknown field; a what-if has ${KEYS.join(', ')}`);

  let whatifId: string | undefined;
  if (json.whatifId !== undefined) {
    if (typeof json.whatifId === 'string' && json.whatifId.length > 0 && !json.whatifId.includes('/')) whatifId = json.whatifId;
    else own.push(`whatifId: expected a non-empty string without "/", got ${show(json.whatifId)}`);
  }
  const base = json.base === undefined ? undefined : readDesign(json.base, 'base', baseDir, own);

  // The shared inputs go through the scenario decoder (same checks, same messages).
  const shared: Record<string, unknown> = { scenarioId: whatifId ?? 'whatif', plan: base === undefined ? PLACEHOLDER_PLAN : encodePlanDesign(base) };
  for (const k of ['seed', 'startYear', 'years', 'census', 'workforce', 'events'] as const) if (json[k] !== undefined) shared[k] = json[k];
  let scenario: Scenario | undefined;
  const sr = decodeScenarioSync(shared, baseDir);
  if (sr._tag === 'Left') own.push(...sr.left.filter((m) => !/^(seed|startYear|years|census|scenarioId): required$/.test(m)));
  else scenario = sr.right;

  const variants: { name: string; plan: PlanDesign }[] = [];
  if (json.variants !== undefined) {
    if (!Array.isArray(json.variants) || json.variants.length === 0) own.push(`variants: expected a non-empty array of {name, plan? | overrides?}, got ${show(json.variants)}`);
    else {
      const seen = new Map<string, number>();
      json.variants.forEach((v: unknown, i) => {
        const at = `variants.${i}`;
        if (!isObject(v)) return void own.push(`${at}: expected an object {name, plan? | overrides?}, got ${show(v)}`);
        for (const k of Object.keys(v)) if (!(VARIANT_KEYS as readonly string[]).includes(k)) own.push(`${at}.${k}: unknown field; a variant has ${VARIANT_KEYS.join(', ')}`);
        const name = v.name;
        let ok = true;
        if (typeof name !== 'string' || !NAME.test(name)) {
          own.push(`${at}.name: expected a name of letters, digits, ".", "_" or "-" (it is part of the scenario id), got ${show(name)}`);
          ok = false;
        } else if (seen.has(name)) {
          own.push(`${at}.name: "${name}" is already the name of variants.${seen.get(name)}`);
          ok = false;
        } else seen.set(name, i);
        if (v.plan !== undefined && v.overrides !== undefined) {
          own.push(`${at}: give plan (a full design) or overrides (fields merged into base), not both`);
          return;
        }
        let plan: PlanDesign | undefined;
        if (v.plan !== undefined) plan = readDesign(v.plan, `${at}.plan`, baseDir, own);
        else if (v.overrides !== undefined) {
          if (!isObject(v.overrides)) own.push(`${at}.overrides: expected an object of plan design fields, got ${show(v.overrides)}`);
          else if (base !== undefined) {
            const r = deriveDesign(base, v.overrides);
            if (r._tag === 'Left') own.push(...r.left.map((m) => `${at}.overrides.${m}`));
            else plan = r.right;
          }
        } else plan = base;
        if (ok && plan !== undefined) variants.push({ name: name as string, plan });
      });
    }
  }

  let fork: WhatIfFork | null = null;
  if (json.fork !== undefined) {
    const f = json.fork;
    if (!isObject(f)) own.push(`fork: expected {from, scenarioId, year}, got ${show(f)}`);
    else {
      for (const k of FORK_KEYS) if (f[k] === undefined) own.push(`fork.${k}: required`);
      for (const k of Object.keys(f)) if (!(FORK_KEYS as readonly string[]).includes(k)) own.push(`fork.${k}: unknown field; a fork has ${FORK_KEYS.join(', ')}`);
      const okFrom = f.from === undefined || (typeof f.from === 'string' && f.from.length > 0);
      if (!okFrom) own.push(`fork.from: expected the folder of a stored run, got ${show(f.from)}`);
      const okId = f.scenarioId === undefined || (typeof f.scenarioId === 'string' && f.scenarioId.length > 0);
      if (!okId) own.push(`fork.scenarioId: expected a non-empty string, got ${show(f.scenarioId)}`);
      let okYear = f.year === undefined || (typeof f.year === 'number' && Number.isSafeInteger(f.year));
      if (!okYear) own.push(`fork.year: expected an integer, got ${show(f.year)}`);
      else if (scenario !== undefined && typeof f.year === 'number') {
        const last = scenario.startYear + scenario.years - 1;
        if (f.year < scenario.startYear || f.year >= last) {
          own.push(`fork.year: ${f.year} is out of range; a fork keeps the stored years ${scenario.startYear} to N and simulates at least one more, so N is ${scenario.startYear} to ${last - 1}`);
          okYear = false;
        }
      }
      if (okFrom && okId && okYear && typeof f.from === 'string' && typeof f.scenarioId === 'string' && typeof f.year === 'number') {
        fork = { from: resolve(baseDir, f.from), scenarioId: f.scenarioId, year: f.year };
      }
    }
  }

  if (own.length > 0 || scenario === undefined || whatifId === undefined) return left(own.map((m) => prefix + m));
  const shared0 = scenario;
  return right({
    whatifId,
    seed: shared0.seed,
    startYear: shared0.startYear,
    years: shared0.years,
    base: shared0,
    variants: variants.map((v) => ({ name: v.name, scenario: variantScenario(shared0, `${whatifId}/${v.name}`, v.plan) })),
    fork: fork === null ? null : Object.freeze(fork),
  });
}

/** Reads, parses and decodes a what-if file; messages name the file, paths resolve against its folder. */
export function loadWhatIfSync(path: string): Either<string[], WhatIf> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return left([`${path}: cannot read the what-if file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return left([`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  return decodeWhatIfSync(json, dirname(resolve(path)), path);
}

/** {@link decodeWhatIf} (synchronous already; the name mirrors the scenario codec). */
export const decodeWhatIfSync = decodeWhatIf;

/** {@link loadWhatIfSync} behind a promise. */
export async function loadWhatIf(path: string): Promise<Either<string[], WhatIf>> {
  return loadWhatIfSync(path);
}

/**
 * A what-if built in code: the shared inputs of `base` (census, workforce, seed, years,
 * scripted events) under each of `designs`, in order (the first is the baseline).
 * Throws a RangeError on a bad or repeated name, like a file would be refused.
 */
export function buildWhatIf(
  base: Scenario,
  designs: ReadonlyArray<{ readonly name: string; readonly plan: PlanDesign }>,
  opts: { readonly whatifId?: string; readonly fork?: WhatIfFork } = {},
): WhatIf {
  const whatifId = opts.whatifId ?? base.scenarioId;
  if (whatifId.length === 0 || whatifId.includes('/')) throw new RangeError(`whatifId: expected a non-empty string without "/", got ${show(whatifId)}`);
  if (designs.length === 0) throw new RangeError('designs: a what-if compares at least one design');
  const names = new Set<string>();
  for (const d of designs) {
    if (!NAME.test(d.name)) throw new RangeError(`design name ${show(d.name)}: use letters, digits, ".", "_" or "-" (it is part of the scenario id)`);
    if (names.has(d.name)) throw new RangeError(`design name "${d.name}" is given twice`);
    names.add(d.name);
  }
  const last = base.startYear + base.years - 1;
  if (opts.fork !== undefined && (opts.fork.year < base.startYear || opts.fork.year >= last)) {
    throw new RangeError(`fork.year: ${opts.fork.year} is out of range; N is ${base.startYear} to ${last - 1}`);
  }
  return Object.freeze({
    whatifId,
    seed: base.seed,
    startYear: base.startYear,
    years: base.years,
    base,
    variants: Object.freeze(designs.map((d) => Object.freeze({ name: d.name, scenario: variantScenario(base, `${whatifId}/${d.name}`, d.plan) }))),
    fork: opts.fork === undefined ? null : Object.freeze({ ...opts.fork }),
  });
}
