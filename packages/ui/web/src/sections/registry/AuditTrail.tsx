import { fmtNum, fmtTime } from '../../lib/format';

export interface GateDecision {
  passed: boolean;
  metric: string;
  direction: string;
  candidate: number | null;
  incumbent: number | null;
  incumbentVersion: number | null;
  datasetDigest: string | null;
  guards: { metric: string; candidate: number | null; incumbent: number | null; tolerance: number; passed: boolean }[];
  reasons: string[];
}
export interface RegistryEvent {
  id: number;
  version: number | null;
  type: string;
  alias: string | null;
  fromVersion: number | null;
  actor: string;
  reason: string | null;
  at: number;
  details: { decision?: GateDecision } & Record<string, unknown>;
}

/** The gate's comparison recorded on a promotion event (the decision itself, or the details are one). */
export function decisionOf(e: RegistryEvent): GateDecision | undefined {
  const d = (e.details?.decision ?? e.details) as GateDecision | undefined;
  return d && typeof d === 'object' && 'passed' in d && 'metric' in d ? d : undefined;
}

/** The gate's comparison: metric and guards, candidate against incumbent, and the verdict. */
export function GateView({ decision }: { decision: GateDecision }) {
  return (
    <div class={`gate ${decision.passed ? 'passed' : 'failed'}`}>
      <div>
        <b>{decision.passed ? 'passed' : 'failed'}</b> {decision.metric} ({decision.direction} is better): candidate {fmtNum(decision.candidate)} vs{' '}
        {decision.incumbentVersion === null ? 'no incumbent' : `v${decision.incumbentVersion} ${fmtNum(decision.incumbent)}`}
      </div>
      {decision.guards.map((g) => (
        <div key={g.metric}>
          guard {g.metric}: {fmtNum(g.candidate)} vs {fmtNum(g.incumbent)} (tolerance {fmtNum(g.tolerance)}) {g.passed ? '✓' : '✗'}
        </div>
      ))}
      {decision.reasons.map((r) => (
        <div class="muted" key={r}>
          {r}
        </div>
      ))}
    </div>
  );
}

/** Every registry event of a model, newest first. */
export function AuditTrail({ events }: { events: RegistryEvent[] }) {
  return (
    <table class="grid" id="audit-trail" data-events={events.length}>
      <thead>
        <tr>
          <th>#</th>
          <th>when</th>
          <th>event</th>
          <th>version</th>
          <th>alias</th>
          <th>actor</th>
          <th>reason</th>
          <th>gate</th>
        </tr>
      </thead>
      <tbody>
        {[...events].reverse().map((e) => {
          const decision = decisionOf(e);
          return (
            <tr key={e.id} data-event={e.type} data-version={e.version ?? ''}>
              <td>{e.id}</td>
              <td>{fmtTime(e.at)}</td>
              <td class={`event ${e.type}`}>{e.type}</td>
              <td>{e.version === null ? '–' : `v${e.version}`}</td>
              <td>{e.alias ? `@${e.alias}${e.fromVersion !== null ? ` (from v${e.fromVersion})` : ''}` : '–'}</td>
              <td>{e.actor}</td>
              <td>{e.reason ?? ''}</td>
              <td>{decision ? <GateView decision={decision} /> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
