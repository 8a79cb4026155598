import { useEffect, useRef } from 'preact/hooks';
import type { StudyView } from './studyTypes';

/**
 * One polyline per complete trial across the parameter axes and the objective, drawn on a canvas
 * (10,000 trials are 10,000 paths, not DOM nodes), coloured by objective rank: dark is best. A
 * trial without a (conditional) parameter breaks its line there.
 */
export function ParallelCoordinates({ view, width = 920, height = 300, onDrawn }: { view: StudyView; width?: number; height?: number; onDrawn?: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    draw(ctx, view, width, height);
    onDrawn?.();
  }, [view, width, height]);
  return <canvas class="pcp" ref={canvas} width={width} height={height} data-lines={completeIndexes(view).length} />;
}

function completeIndexes(view: StudyView): number[] {
  const objective = view.trials.values[0]!;
  return view.trials.state.flatMap((s, i) => (s === 'complete' && objective[i] !== null ? [i] : []));
}

function draw(ctx: CanvasRenderingContext2D, view: StudyView, width: number, height: number): void {
  const axes = [...view.params.map((p) => ({ name: p.name, log: p.log, min: p.min, max: p.max, column: view.trials.params[view.params.indexOf(p)]! })), objectiveAxis(view)];
  const [top, bottom, left, right] = [24, height - 18, 40, width - 40];
  const x = (k: number) => left + ((right - left) * k) / Math.max(1, axes.length - 1);
  const scale = axes.map((a) => {
    const [lo, hi] = a.log ? [Math.log(a.min), Math.log(a.max)] : [a.min, a.max];
    return (v: number) => bottom - ((bottom - top) * ((a.log ? Math.log(v) : v) - lo)) / (hi - lo || 1);
  });
  ctx.clearRect(0, 0, width, height);
  const rows = completeIndexes(view);
  const objective = view.trials.values[0]!;
  const sign = view.study.directions[0] === 'maximize' ? -1 : 1;
  // Worst first, so the best trials are drawn on top.
  rows.sort((a, b) => sign * (objective[b]! - objective[a]!));
  ctx.lineWidth = 1;
  ctx.globalAlpha = rows.length > 2000 ? 0.25 : 0.6;
  // One path per shade (32 of them), not per trial: 10,000 strokes would cost far more than the lines.
  const shades = 32;
  for (let band = 0; band < shades; band++) {
    const from = Math.floor((band * rows.length) / shades);
    const to = Math.floor(((band + 1) * rows.length) / shades);
    if (from === to) continue;
    const shade = Math.round(200 - (170 * band) / (shades - 1));
    ctx.strokeStyle = `rgb(${shade}, ${shade}, 235)`;
    ctx.beginPath();
    for (let r = from; r < to; r++) {
      const i = rows[r]!;
      let pen = false;
      axes.forEach((a, k) => {
        const v = a.column[i];
        if (v === null || v === undefined) return void (pen = false);
        const y = scale[k]!(v);
        if (pen) ctx.lineTo(x(k), y);
        else ctx.moveTo(x(k), y);
        pen = true;
      });
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#111827';
  ctx.strokeStyle = '#374151';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  axes.forEach((a, k) => {
    ctx.beginPath();
    ctx.moveTo(x(k), top);
    ctx.lineTo(x(k), bottom);
    ctx.stroke();
    ctx.fillText(a.name, x(k), top - 8);
    ctx.fillText(short(a.min), x(k), bottom + 12);
    ctx.fillText(short(a.max), x(k), top + 10);
  });
}

function objectiveAxis(view: StudyView) {
  const column = view.trials.values[0]!;
  const finite = column.filter((v): v is number => v !== null);
  return { name: 'objective', log: false, min: Math.min(...finite), max: Math.max(...finite), column };
}

const short = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(1) : String(Number(v.toPrecision(3))));
