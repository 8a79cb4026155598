import { useMemo, useRef, useState } from 'preact/hooks';
import { getJson, seg } from '../../lib/api';
import { fmtNum } from '../../lib/format';
import { ErrorBox, KeyValues, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { ParallelCoordinates } from './ParallelCoordinates';
import { PointsChart, type PointSeries } from './PointsChart';
import type { Importances, StudyView } from './studyTypes';

/**
 * A study: optimisation history (each complete trial and the best so far), parallel coordinates,
 * importances (loaded apart: a random forest takes seconds on 10,000 trials) and, with several
 * objectives, the Pareto front. The page marks itself `data-drawn` once every chart has drawn.
 */
export function StudyPage({ name }: { name: string }) {
  const { data: view, error } = useApi(`study ${name}`, (signal) => getJson<StudyView>(`studies/${seg(name)}`, {}, signal));
  const root = useRef<HTMLDivElement>(null);
  const pending = useRef(new Set<string>());
  const charts = useMemo(() => (view ? chartsOf(view) : undefined), [view]);
  // Importances are asked for once the charts are drawn, so their estimate never competes with the first draw.
  const [drawnName, setDrawnName] = useState<string | null>(null);
  if (error) return <ErrorBox error={error} />;
  if (!view || !charts) return <p class="muted">loading…</p>;
  const expected = ['history', 'parallel', ...(charts.pareto ? ['pareto'] : [])];
  pending.current = new Set(expected);
  const drawn = (id: string) => () => {
    pending.current.delete(id);
    if (pending.current.size === 0 && root.current) {
      root.current.dataset.drawn = String(performance.now());
      setDrawnName(view.study.name);
    }
  };
  const multi = view.study.directions.length > 1;
  return (
    <div ref={root} id="study-page" data-study={view.study.name}>
      <h1>Study {view.study.name}</h1>
      <KeyValues
        id="study-summary"
        rows={[
          ['directions', view.study.directions.join(', ')],
          ['trials', String(view.trials.number.length)],
          ['complete / pruned / failed / running', `${view.counts.complete} / ${view.counts.pruned} / ${view.counts.fail} / ${view.counts.running}`],
          ...(view.best ? ([['best trial', `#${view.best.number}: ${fmtNum(view.best.value)}`], ['best params', Object.entries(view.best.params).map(([k, v]) => `${k}=${typeof v === 'number' ? fmtNum(v) : String(v)}`).join(', ')]] as [string, string][]) : []),
          ...(multi ? ([['Pareto front', `${view.paretoFront?.length ?? 0} trials`]] as [string, string][]) : []),
        ]}
      />
      <div class="charts">
        <Panel title="Optimisation history" id="study-history">
          <PointsChart title="history" xLabel="trial" yLabel={multi ? 'objective 1' : 'objective'} x={view.trials.number} series={charts.history} width={620} onDrawn={drawn('history')} />
        </Panel>
        {charts.pareto ? (
          <Panel title="Pareto front" id="study-pareto">
            <PointsChart title="pareto" xLabel="objective 1" yLabel="objective 2" x={charts.pareto.x} series={charts.pareto.series} width={460} onDrawn={drawn('pareto')} />
          </Panel>
        ) : null}
      </div>
      <Panel title="Parallel coordinates" id="study-parallel">
        <ParallelCoordinates view={view} onDrawn={drawn('parallel')} />
      </Panel>
      {drawnName === view.study.name ? <ImportancePanel name={view.study.name} /> : <Panel title="Parameter importances" id="study-importances"><p class="muted">drawing…</p></Panel>}
    </div>
  );
}

function chartsOf(view: StudyView): { history: PointSeries[]; pareto?: { x: number[]; series: PointSeries[] } } {
  const objective = view.trials.values[0]!;
  const complete = view.trials.state.map((s, i) => (s === 'complete' ? objective[i]! : null));
  const history: PointSeries[] = [{ label: 'complete trial', values: complete, color: '#2563eb' }];
  if (view.study.directions.length === 1) history.push({ label: 'best so far', values: view.trials.bestSoFar, color: '#dc2626', line: true });
  if (view.study.directions.length < 2) return { history };
  // uPlot wants ascending x: the complete trials sorted by the first objective.
  const order = view.trials.number.map((_, i) => i).filter((i) => complete[i] !== null && view.trials.values[1]![i] !== null);
  order.sort((a, b) => objective[a]! - objective[b]!);
  const front = new Set(view.paretoFront ?? []);
  const second = view.trials.values[1]!;
  const onFront = (i: number) => front.has(view.trials.number[i]!);
  return {
    history,
    pareto: {
      x: order.map((i) => objective[i]!),
      series: [
        { label: 'dominated', values: order.map((i) => (onFront(i) ? null : second[i]!)), color: '#93c5fd' },
        { label: 'Pareto front', values: order.map((i) => (onFront(i) ? second[i]! : null)), color: '#dc2626' },
      ],
    },
  };
}

function ImportancePanel({ name }: { name: string }) {
  const { data, error } = useApi(`importances ${name}`, (signal) => getJson<{ importances: Importances | null }>(`studies/${seg(name)}/importances`, {}, signal));
  return (
    <Panel title="Parameter importances" id="study-importances">
      {error ? <ErrorBox error={error} /> : !data ? <p class="muted">estimating…</p> : !data.importances ? <p class="muted">fewer than 4 complete trials: nothing to estimate</p> : (
        <>
          <table class="kv bars">
            <tbody>
              {data.importances.values.map((v) => (
                <tr key={v.name} data-param={v.name}>
                  <th>{v.name}</th>
                  <td class="num">{v.importance.toFixed(3)}</td>
                  <td>
                    <span class="bar" style={{ width: `${Math.max(1, Math.round(v.importance * 300))}px` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">
            {data.importances.method} of the first objective: {data.importances.trials} complete trials, {data.importances.trees} trees
          </p>
        </>
      )}
    </Panel>
  );
}
