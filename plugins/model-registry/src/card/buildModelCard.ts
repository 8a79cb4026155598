import type { ArtifactStore, ModelEvaluation, ModelVersion, RegistryEvent } from '@mlops/core';
import type { CardOptions } from '../options';
import type { CardBlock, CardContent } from './CardBlock';
import { summariseBaseline } from './summariseBaseline';

/** What a card is made from. */
export interface ModelCardInput {
  version: ModelVersion;
  /** Events of this version (and alias moves away from it), oldest first. */
  events: RegistryEvent[];
  card: CardOptions;
  artifacts: ArtifactStore;
}

const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** The card's content: details, signature, intended use, considerations, data, evaluation, history. */
export async function buildModelCard(input: ModelCardInput): Promise<CardContent> {
  const v = input.version;
  const blocks: CardBlock[] = [
    ...details(v),
    ...signature(v),
    { kind: 'heading', level: 2, text: 'Intended use' },
    { kind: 'fields', rows: [['Owner', input.card.owner ?? null], ['Intended use', input.card.intendedUse ?? null], ['Out of scope', input.card.outOfScope ?? null]] },
    { kind: 'heading', level: 2, text: 'Considerations' },
    { kind: 'fields', rows: [['Limitations', input.card.limitations ?? null], ['Fairness', input.card.fairness ?? null], ['Ethical considerations', input.card.ethicalConsiderations ?? null]] },
    ...(await trainingData(v, input.artifacts)),
    ...evaluation(v.evaluations),
    ...history(input.events),
  ];
  return { title: `Model card: ${v.name} v${v.version}`, blocks };
}

function details(v: ModelVersion): CardBlock[] {
  const tags = Object.entries(v.tags).map(([k, t]) => `${k}=${t}`).join(', ');
  return [
    { kind: 'heading', level: 2, text: 'Model details' },
    {
      kind: 'fields',
      rows: [
        ['Name', v.name],
        ['Version', String(v.version)],
        ['Aliases', v.aliases.join(', ') || 'none'],
        ['Description', v.description],
        ['Created by', v.createdBy],
        ['Created at', iso(v.createdAt)],
        ['Run id', v.runId],
        ['Task', v.signature.task],
        ['Classes', v.signature.classes?.join(', ') ?? null],
        ['Training', v.training?.kind ?? null],
        ['Training params', v.training ? JSON.stringify(v.training.params) : null],
        ['Tags', tags || 'none'],
      ],
    },
    { kind: 'table', head: ['artifact', 'digest'], rows: Object.entries(v.artifacts) },
  ];
}

function signature(v: ModelVersion): CardBlock[] {
  return [
    { kind: 'heading', level: 3, text: 'Signature' },
    { kind: 'table', head: ['input', 'type', 'nullable'], rows: v.signature.inputs.map((c) => [c.name, c.type, c.nullable ? 'yes' : 'no']) },
    { kind: 'table', head: ['output', 'type', 'shape'], rows: v.signature.outputs.map((o) => [o.name, o.type, `[${o.shape.map((d) => d ?? 'N').join(', ')}]`]) },
  ];
}

async function trainingData(v: ModelVersion, artifacts: ArtifactStore): Promise<CardBlock[]> {
  const blocks: CardBlock[] = [{ kind: 'heading', level: 2, text: 'Training data' }];
  if (v.datasets.length === 0) blocks.push({ kind: 'fields', rows: [['Datasets', null]] });
  else blocks.push({ kind: 'table', head: ['dataset', 'role', 'digest', 'rows'], rows: v.datasets.map((d) => [d.name, d.role, d.digest, d.rows == null ? '–' : String(d.rows)]) });
  if (v.artifacts.baseline) blocks.push(...(await summariseBaseline(artifacts, v.artifacts.baseline)));
  else blocks.push({ kind: 'fields', rows: [['Baseline', null]] });
  return blocks;
}

function evaluation(evaluations: ModelEvaluation[]): CardBlock[] {
  const blocks: CardBlock[] = [{ kind: 'heading', level: 2, text: 'Evaluation' }];
  if (evaluations.length === 0) blocks.push({ kind: 'fields', rows: [['Evaluations', null]] });
  for (const e of evaluations) {
    blocks.push({ kind: 'heading', level: 3, text: `${e.datasetName ?? 'Evaluation set'} (${e.datasetDigest}), ${iso(e.evaluatedAt)}` });
    blocks.push({ kind: 'table', head: ['metric', 'value'], rows: Object.entries(e.metrics).map(([m, x]) => [m, fmt(x)]) });
    const slices = Object.entries(e.slices ?? {});
    if (slices.length === 0) continue;
    const metrics = [...new Set(slices.flatMap(([, s]) => Object.keys(s)))];
    blocks.push({ kind: 'table', head: ['slice', ...metrics], rows: slices.map(([name, s]) => [name, ...metrics.map((m) => (s[m] === undefined ? '–' : fmt(s[m]!)))]) });
  }
  return blocks;
}

function history(events: RegistryEvent[]): CardBlock[] {
  const moves = events.filter((e) => e.alias !== null || e.type === 'register');
  const rows = moves.map((e) => [iso(e.at), e.type, e.alias ?? '', move(e), e.actor, e.reason ?? '', gateSummary(e)]);
  return [
    { kind: 'heading', level: 2, text: 'Promotion history' },
    { kind: 'table', head: ['at', 'event', 'alias', 'move', 'actor', 'reason', 'gate'], rows },
  ];
}

/**
 * What an alias event did. A refused promotion moved nothing, so it is not drawn as `v1 → v2`: the
 * candidate was kept out and the incumbent stayed (the gate column says why).
 */
function move(e: RegistryEvent): string {
  if (e.alias === null) return '';
  const from = e.fromVersion === null ? '–' : `v${e.fromVersion}`;
  if (e.type === 'promotion-refused') {
    if (e.fromVersion === e.version) return `refused: v${e.version} is already @${e.alias}`;
    return `refused: candidate v${e.version} kept out, ${e.fromVersion === null ? `@${e.alias} stays unset` : `v${e.fromVersion} stays @${e.alias}`}`;
  }
  if (e.type === 'promotion-forced') return `${from} → v${e.version} (forced past the gate)`;
  return `${from} → v${e.version}`;
}

function gateSummary(e: RegistryEvent): string {
  const decision = (e.details as { decision?: { passed?: boolean; reasons?: string[] } } | null)?.decision;
  if (!decision) return '';
  return `${decision.passed ? 'passed' : 'failed'}: ${(decision.reasons ?? []).join('; ')}`;
}
