import { useState } from 'preact/hooks';
import { ApiError, getJson, postAction, seg, token } from '../../lib/api';
import { fmtNum, fmtTime, shortId } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { AuditTrail, GateView, type GateDecision, type RegistryEvent } from './AuditTrail';

interface Version {
  version: number;
  runId: string | null;
  aliases: string[];
  createdAt: number;
  createdBy: string;
  evaluations: { datasetName?: string | null; datasetDigest: string; metrics: Record<string, number>; evaluatedAt: number }[];
  training: { kind: string } | null;
}
interface ModelDetail {
  name: string;
  versions: Version[];
  history: RegistryEvent[];
}

/** What the confirmation step is about to do. */
type Pending = { kind: 'promote'; version: number } | { kind: 'rollback'; alias: string };

/** A model: aliases, versions with their evaluation, the audit trail, cards, promote and rollback. */
export function ModelPage({ name, writable }: { name: string; writable: boolean }) {
  const { data, error, reload } = useApi(name, (signal) => getJson<ModelDetail>(`models/${seg(name)}`, {}, signal));
  const [pending, setPending] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; decision?: GateDecision; ok: boolean } | null>(null);
  const [card, setCard] = useState<number | null>(null);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  const aliases = data.versions.flatMap((v) => v.aliases.map((a) => [a, v.version] as const));
  const shownCard = card ?? data.versions[0]?.version ?? null;
  return (
    <div class="model">
      <h1>
        Model <span id="model-name">{name}</span>
      </h1>
      <p id="model-aliases">
        {aliases.length
          ? aliases.map(([a, v]) => (
              <span class="alias" key={a} data-alias={a}>
                @{a} → v{v}
              </span>
            ))
          : 'no aliases'}
      </p>
      <Actions writable={writable} aliases={aliases.map(([a]) => a)} onRollback={(alias) => (setOutcome(null), setPending({ kind: 'rollback', alias }))} />
      {pending ? (
        <Confirm
          name={name}
          pending={pending}
          onCancel={() => setPending(null)}
          onDone={(o) => {
            setPending(null);
            setOutcome(o);
            reload();
          }}
        />
      ) : null}
      {outcome ? (
        <div class={`outcome ${outcome.ok ? 'ok' : 'refused'}`} id="action-outcome" role="status">
          {outcome.text}
          {outcome.decision ? <GateView decision={outcome.decision} /> : null}
        </div>
      ) : null}
      <Panel title="Versions" id="model-versions">
        <table class="grid">
          <thead>
            <tr>
              <th>version</th>
              <th>aliases</th>
              <th>created</th>
              <th>by</th>
              <th>run</th>
              <th>trainer</th>
              <th>evaluation (newest)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.versions.map((v) => {
              const ev = v.evaluations[v.evaluations.length - 1];
              return (
                <tr key={v.version} data-version={v.version}>
                  <td>v{v.version}</td>
                  <td>{v.aliases.map((a) => `@${a}`).join(' ')}</td>
                  <td>{fmtTime(v.createdAt)}</td>
                  <td>{v.createdBy}</td>
                  <td>
                    {v.runId ? <a href={href(`/runs/${v.runId}`)}>{shortId(v.runId)}</a> : '–'}{' '}
                    <a class="muted" data-lineage={v.version} href={href('/lineage', { model: name, version: v.version })}>
                      lineage
                    </a>
                  </td>
                  <td>{v.training?.kind ?? '–'}</td>
                  <td class="metrics">{ev ? Object.entries(ev.metrics).map(([k, x]) => <span key={k}>{k} {fmtNum(x)} </span>) : '–'}</td>
                  <td>
                    <button onClick={() => setCard(v.version)}>card</button>{' '}
                    {writable && !v.aliases.includes('champion') ? (
                      <button class="promote" data-promote={v.version} onClick={() => (setOutcome(null), setPending({ kind: 'promote', version: v.version }))}>
                        promote…
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Panel>
      <Panel title="Audit trail" id="model-audit">
        <AuditTrail events={data.history} />
      </Panel>
      {shownCard !== null ? (
        <Panel title={`Model card v${shownCard}`} id="model-card">
          {/* The card is served with its own CSP (inline CSS, no script) and sandboxed here. */}
          <iframe class="card" sandbox="" title={`model card v${shownCard}`} src={`/api/models/${seg(name)}/versions/${shownCard}/card`} />
        </Panel>
      ) : null}
    </div>
  );
}

function Actions({ writable, aliases, onRollback }: { writable: boolean; aliases: string[]; onRollback: (alias: string) => void }) {
  const [t, setT] = useState(token.get());
  if (!writable) return <p class="muted" id="read-only">read-only: start `mlops ui` with MLOPS_UI_TOKEN set to promote and roll back from here</p>;
  return (
    <div class="actions">
      <label>
        token <input id="token" type="password" value={t} autocomplete="off" onInput={(e) => (setT((e.target as HTMLInputElement).value), token.set((e.target as HTMLInputElement).value))} />
      </label>
      {aliases.includes('champion') ? (
        <button id="rollback" onClick={() => onRollback('champion')}>
          roll back @champion…
        </button>
      ) : null}
    </div>
  );
}

/** The confirmation step: says what will happen, asks for a reason, then calls the API with the token. */
function Confirm({ name, pending, onCancel, onDone }: { name: string; pending: Pending; onCancel: () => void; onDone: (o: { text: string; decision?: GateDecision; ok: boolean }) => void }) {
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const question = pending.kind === 'promote' ? `Promote ${name} v${pending.version} to @champion through the gate?` : `Roll @${pending.alias} of ${name} back to the version it had before its last move?`;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (pending.kind === 'promote') {
        const r = await postAction<{ promoted: boolean; forced: boolean; decision: GateDecision }>(`models/${seg(name)}/promote`, { version: pending.version, reason, force });
        onDone({ ok: r.promoted, decision: r.decision, text: r.promoted ? `v${pending.version} is now @champion${r.forced ? ' (forced past the gate)' : ''}` : `refused: v${pending.version} did not pass the gate` });
      } else {
        const e = await postAction<RegistryEvent>(`models/${seg(name)}/rollback`, { alias: pending.alias, reason });
        onDone({ ok: true, text: `@${pending.alias} rolled back from v${e.fromVersion} to v${e.version}` });
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="confirm" id="confirm" role="dialog" aria-label="confirm">
      <p>{question}</p>
      <label>
        reason (kept in the audit trail) <input id="confirm-reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      {pending.kind === 'promote' ? (
        <label>
          <input type="checkbox" id="confirm-force" checked={force} onChange={(e) => setForce((e.target as HTMLInputElement).checked)} /> force past a failing gate
        </label>
      ) : null}
      <div>
        <button id="confirm-ok" disabled={busy || !reason.trim()} onClick={submit}>
          {pending.kind === 'promote' ? 'Confirm promotion' : 'Confirm rollback'}
        </button>{' '}
        <button id="confirm-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}
