/**
 * Bars as SVG: one or two sides (reference, current) per bin, as shares. Small (20 bins or the top
 * categories), so plain DOM is fine here.
 */
/** `labels` name each bin (a numeric bin by its left edge); `end` is the right edge of the last one. */
export function Histogram({ labels, sides, end, width = 420, height = 140, id }: { labels: string[]; sides: { name: string; values: number[]; color: string }[]; end?: string; width?: number; height?: number; id?: string }) {
  const max = Math.max(1e-12, ...sides.flatMap((s) => s.values));
  const band = (width - 10) / Math.max(1, labels.length);
  const bar = (band - 2) / sides.length;
  const plot = height - 16;
  return (
    <svg class="histogram" id={id} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
      {labels.map((label, i) =>
        sides.map((s, k) => {
          const h = (plot * (s.values[i] ?? 0)) / max;
          return (
            <rect key={`${i}-${k}`} x={5 + i * band + k * bar} y={plot - h} width={Math.max(1, bar - 0.5)} height={h} fill={s.color} data-side={s.name} data-bin={label}>
              <title>{`${label}: ${s.name} ${(s.values[i] ?? 0).toFixed(4)}`}</title>
            </rect>
          );
        }),
      )}
      <text x={5} y={height - 3} class="axis">{labels[0]}</text>
      <text x={width - 5} y={height - 3} class="axis" text-anchor="end">{end ?? labels[labels.length - 1]}</text>
    </svg>
  );
}
