import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** A series over the shared x values: points, or a stepped line (best so far). */
export interface PointSeries {
  label: string;
  values: (number | null)[];
  color: string;
  line?: boolean;
}

/**
 * Points (and optional stepped lines) over ascending x values with uPlot, which draws 10,000 points
 * on one canvas in milliseconds. `onDrawn` fires after the first draw (the page times itself by it).
 */
export function PointsChart({ title, xLabel, yLabel, x, series, width = 460, height = 260, onDrawn }: { title: string; xLabel: string; yLabel: string; x: number[]; series: PointSeries[]; width?: number; height?: number; onDrawn?: () => void }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    let first = true;
    const plot = new uPlot(
      {
        title,
        width,
        height,
        scales: { x: { time: false } },
        axes: [{ label: xLabel }, { label: yLabel }],
        series: [
          { label: xLabel },
          ...series.map((s) =>
            s.line
              ? { label: s.label, stroke: s.color, width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false }, spanGaps: true }
              : { label: s.label, stroke: s.color, fill: s.color, paths: () => null, points: { show: true, size: 4, width: 0, fill: s.color } },
          ),
        ],
        hooks: { draw: [() => first && ((first = false), onDrawn?.())] },
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el.current,
    );
    return () => plot.destroy();
  }, [title, x, series, width, height]);
  return <div class="chart" data-chart={title} data-points={x.length} ref={el} />;
}
