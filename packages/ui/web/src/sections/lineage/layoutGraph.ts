/** A node's place in the drawing: its layer (row, top to bottom) and position within it. */
export interface Placed {
  id: string;
  layer: number;
  x: number;
  y: number;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  gapX: number;
  gapY: number;
}

/**
 * A layered drawing of a DAG, top to bottom: each node one row below its deepest predecessor, and
 * within a row ordered by the mean position of its neighbours (a few sweeps down and up), which keeps
 * most edges short and uncrossed. A cycle (lineage has none) would leave its nodes in the first row.
 */
export function layoutGraph(ids: string[], edges: { from: string; to: string }[], o: LayoutOptions): { placed: Map<string, Placed>; width: number; height: number } {
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!preds.has(e.to) || !succs.has(e.from)) continue;
    preds.get(e.to)!.push(e.from);
    succs.get(e.from)!.push(e.to);
  }
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const waiting = new Map(ids.map((id) => [id, preds.get(id)!.length]));
  const ready = ids.filter((id) => waiting.get(id) === 0);
  while (ready.length) {
    const id = ready.shift()!;
    for (const s of succs.get(id)!) {
      layer.set(s, Math.max(layer.get(s)!, layer.get(id)! + 1));
      waiting.set(s, waiting.get(s)! - 1);
      if (waiting.get(s) === 0) ready.push(s);
    }
  }
  const rows: string[][] = [];
  for (const id of ids) (rows[layer.get(id)!] ??= []).push(id);
  const filled = rows.map((r) => r ?? []);
  const index = new Map<string, number>();
  const reindex = () => filled.forEach((r) => r.forEach((id, i) => index.set(id, i)));
  reindex();
  const mean = (ns: string[], fallback: number) => (ns.length ? ns.reduce((a, n) => a + index.get(n)!, 0) / ns.length : fallback);
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? filled : [...filled].reverse();
    for (const row of order) {
      const key = new Map(row.map((id) => [id, mean(down ? preds.get(id)! : succs.get(id)!, index.get(id)!)]));
      row.sort((a, b) => key.get(a)! - key.get(b)!);
      row.forEach((id, i) => index.set(id, i));
    }
  }
  const widest = Math.max(1, ...filled.map((r) => r.length));
  const width = widest * (o.nodeWidth + o.gapX) + o.gapX;
  const placed = new Map<string, Placed>();
  filled.forEach((row, l) => {
    // Each row is centred, so a narrow row sits under the middle of a wide one.
    const offset = (width - row.length * (o.nodeWidth + o.gapX) + o.gapX) / 2;
    row.forEach((id, i) => placed.set(id, { id, layer: l, x: offset + i * (o.nodeWidth + o.gapX), y: o.gapY / 2 + l * (o.nodeHeight + o.gapY) }));
  });
  return { placed, width, height: filled.length * (o.nodeHeight + o.gapY) };
}
