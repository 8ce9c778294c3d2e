/**
 * Replay by inputs only: a participant rebuilt from a stored snapshot by feeding the machine
 * the input events logged after it and the plan's forfeiture allocations, and nothing else.
 * The machine derives every other event again on its own, so its state is the same as
 * {@link replayParticipant}'s on any log that replay finds identical; what it does not do is
 * compare the derived events with the log (that is `vested replay`'s job). Reading only the
 * inputs spares decoding the ~90 derived rows of each participant-year (segment.ts SegmentView).
 */
import type { IsoDate } from '../rules/calendar.js';
import { dec31, yearOf } from '../rules/calendar.js';
import type { Cents } from '../rules/units.js';
import type { DerivedEvent, Payload } from '../actors/events/index.js';
import type { Participant } from '../actors/participant/participant.js';
import type { SegmentView } from './segment.js';
import { restoreFor } from './replay.js';
import type { ReplayEnvironment, StoredSnapshot } from './replay.js';

/** What replay feeds the machine of one participant-year. */
export interface InputYear {
  readonly year: number;
  /** The input events after the snapshot, in log order, up to the replay's date. */
  readonly inputs: readonly DerivedEvent[];
  /** The forfeiture allocations the plan handed out on Dec 31, in log order. */
  readonly allocations: readonly Cents[];
}

/**
 * The part of a derived participant-year segment replay feeds back: the inputs from ordinal
 * `from` on, stopping at the first row dated after `until` (as {@link replayParticipant} does),
 * and the forfeiture allocations.
 */
export function inputYear(view: SegmentView, employeeId: string, year: number, from: number, until: IsoDate): InputYear {
  const inputs: DerivedEvent[] = [];
  const ordinals = view.inputs.length < 2 ? view.inputs : [...view.inputs].sort((a, b) => a - b);
  let i = 0;
  while (i < ordinals.length && ordinals[i]! < from) i++;
  for (let k = from; i < ordinals.length && k < view.count; k++) {
    if (view.date(k) > until) break;
    if (ordinals[i] !== k) continue;
    i++;
    const r = view.row(k);
    inputs.push({ employeeId, effectiveDate: r.effectiveDate as IsoDate, payload: r.payload as unknown as Payload });
  }
  const allocations: Cents[] = [];
  if (until >= dec31(year)) {
    for (let k = from; k < view.count; k++) {
      if (view.field(k, 'source') === 'forfeiture_allocation' && view.field(k, 'eventType') === 'contribution') allocations.push(view.field(k, 'amount') as Cents);
    }
  }
  return { year, inputs, allocations };
}

/** The participant as of the end of `until`, from `from` and the years' inputs (see the file comment). */
export function replayInputs(env: ReplayEnvironment, from: StoredSnapshot, years: readonly InputYear[], until: IsoDate, lastYear: number): Participant {
  const restored = restoreFor(env, from.participant, from.year);
  let p = restored.participant;
  const last = Math.min(lastYear, yearOf(until));
  try {
    for (let year = from.year; year <= last && !p.settled; year++) {
      if (year > from.year) p = restored.enter(year);
      const y = years.find((x) => x.year === year);
      for (const e of y?.inputs ?? []) p.input(e);
      const end = until < dec31(year) ? until : dec31(year);
      p.advance(end);
      if (end === dec31(year)) for (const a of y?.allocations ?? []) p.allocate(end, a);
    }
  } catch (e) {
    p.stop();
    throw e;
  }
  return p;
}
