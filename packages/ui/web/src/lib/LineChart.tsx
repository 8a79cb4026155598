import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line: values at steps. */
export interface Series {
  label: string;
  step: number[];
  value: (number | null)[];
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f', '#7c3aed', '#b45309'];

/** Lines over a shared step axis: x is the union of every series' steps, gaps where a series has none. */
export function alignSeries(series: Series[]): [number[], ...(number | null)[][]] {
  const steps = [...new Set(series.flatMap((s) => s.step))].sort((a, b) => a - b);
  const index = new Map(steps.map((s, i) => [s, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(steps.length).fill(null);
    s.step.forEach((st, i) => (y[index.get(st)!] = s.value[i] ?? null));
    return y;
  });
  return [steps, ...ys];
}

/** A uPlot chart of metric curves by step (one or several overlaid series). */
export function LineChart({ title, series, width = 460, height = 220 }: { title: string; series: Series[]; width?: number; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const plot = new uPlot(
      {
        title,
        width,
        height,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, {}],
        series: [{ label: 'step' }, ...series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 1.5, spanGaps: true, points: { show: s.step.length < 3 } }))],
      },
      alignSeries(series) as uPlot.AlignedData,
      el.current,
    );
    return () => plot.destroy();
  }, [title, series, width, height]);
  return <div class="chart" data-chart={title} data-series={series.length} ref={el} />;
}
