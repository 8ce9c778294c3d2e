/**
 * A participant carried into a plan year run under another plan design: a what-if that forks
 * from a stored run continues each participant's Dec 31 state under the variant's design, as
 * a plan amended from the next Jan 1. The participant's history stays as it was; what the old
 * design had only scheduled and the new one does not provide is cancelled: an auto-enrollment
 * still pending under a design without auto-enrollment. (Rates, limits, vesting and the match
 * are read from the design at each event, so they follow the amendment by themselves.)
 */
import type { ParticipantEnvironment } from './environment.js';
import type { ParticipantSnapshot } from './participant.js';

export function amendedFor(snapshot: ParticipantSnapshot, env: ParticipantEnvironment): ParticipantSnapshot {
  const c = snapshot.context;
  if (c.autoEnrollOn === null || c.enrollment !== null || env.plan.autoEnrollment.enabled) return snapshot;
  return { ...snapshot, context: { ...c, autoEnrollOn: null } };
}
