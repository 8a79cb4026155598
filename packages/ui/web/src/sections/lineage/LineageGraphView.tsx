import { useMemo } from 'preact/hooks';
import { href } from '../../lib/router';
import type { LineageEdge, LineageNode } from '../../../../src/sections/lineage/LineageGraph';
import { layoutGraph } from './layoutGraph';

const box = { nodeWidth: 190, nodeHeight: 40, gapX: 24, gapY: 44 };

/** Where a node leads: a step or artifact to its run, a dataset version to its own lineage, a model version or alias to the registry. */
export function nodeHref(n: LineageNode): string {
  if ((n.kind === 'step' || n.kind === 'artifact') && n.runId) return href(`/runs/${n.runId}`);
  if (n.kind === 'dataset') return href('/lineage', { dataset: n.name, version: n.version });
  if (n.kind === 'model' || n.kind === 'alias') return href(`/models/${encodeURIComponent(n.name ?? '')}`);
  return '#/lineage';
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The lineage graph as SVG: one box per node (a link), edges as curves with arrows. */
export function LineageGraphView({ nodes, edges, focus }: { nodes: LineageNode[]; edges: LineageEdge[]; focus: string | null }) {
  const { placed, width, height } = useMemo(() => layoutGraph(nodes.map((n) => n.id), edges, box), [nodes, edges]);
  const w = box.nodeWidth;
  const h = box.nodeHeight;
  return (
    <svg class="lineage" id="lineage-graph" width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-nodes={nodes.length} data-edges={edges.length}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
        </marker>
      </defs>
      {edges.map((e) => {
        const a = placed.get(e.from);
        const b = placed.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + w / 2;
        const y1 = a.y + h;
        const x2 = b.x + w / 2;
        const y2 = b.y;
        const bend = Math.max(20, (y2 - y1) / 2);
        return (
          <path key={`${e.from} ${e.to}`} class="edge" data-from={e.from} data-to={e.to} d={`M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`} marker-end="url(#arrow)">
            {e.label ? <title>{e.label}</title> : null}
          </path>
        );
      })}
      {nodes.map((n) => {
        const p = placed.get(n.id)!;
        return (
          <a key={n.id} href={nodeHref(n)} class={`node ${n.kind}${n.id === focus ? ' focus' : ''}`} data-node={n.id} data-kind={n.kind}>
            <title>{`${n.kind}: ${n.name ?? n.label}\n${n.detail}`}</title>
            <rect x={p.x} y={p.y} width={w} height={h} rx={5} />
            <text x={p.x + 8} y={p.y + 16} class="label">
              {clip(n.label, 27)}
            </text>
            <text x={p.x + 8} y={p.y + 32} class="detail">
              {clip(n.detail, 32)}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
