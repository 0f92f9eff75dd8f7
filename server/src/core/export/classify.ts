/**
 * Which section of the design document a sequence belongs to.
 *
 * - `error`: it has a `scenario:` (when the error occurs) → "Error Handling Sequences".
 * - `integration`: no user (`actor`) takes part, and it passes through a `queue` or an
 *   `external` participant → "Integration Sequences". A sequence a user starts stays a
 *   main sequence even when it calls an external system (the template's own Sequence 2
 *   calls an external API): integration means systems talking to systems.
 * - `main`: everything else → "Sequence Diagrams".
 * A `scenario:` wins over integration.
 */
import type { Model, Participant, Sequence } from '../model';

export type SequenceSection = 'main' | 'error' | 'integration';

export function sectionOf(model: Model, sequence: Sequence): SequenceSection {
  if (sequence.scenario !== undefined) return 'error';
  const lifelines = participantsOf(model, sequence);
  const hasUser = lifelines.some((p) => p.kind === 'actor');
  const crossesBoundary = lifelines.some((p) => p.kind === 'queue' || p.scope === 'external');
  return !hasUser && crossesBoundary ? 'integration' : 'main';
}

/** The participants a sequence draws, in lifeline order. */
export function participantsOf(model: Model, sequence: Sequence): Participant[] {
  return sequence.lifelines.flatMap((id) => model.participantById.get(id) ?? []);
}

/** The systems an integration sequence talks to: its external participants (not queues) and its queues. */
export function integrationPartners(model: Model, sequence: Sequence): { external: Participant[]; queues: Participant[] } {
  const lifelines = participantsOf(model, sequence);
  return {
    external: lifelines.filter((p) => p.scope === 'external' && p.kind !== 'queue'),
    queues: lifelines.filter((p) => p.kind === 'queue'),
  };
}
