import { fmtNum, fmtTime } from '../../lib/format';
import type { AlertRecord } from './dataTypes';

/** The monitor's alert history, newest first. */
export function AlertTable({ alerts }: { alerts: AlertRecord[] }) {
  if (!alerts.length) return <p class="muted">no alert has fired</p>;
  return (
    <table class="grid" id="alerts-table">
      <thead>
        <tr>
          <th>fired</th>
          <th>severity</th>
          <th>rule</th>
          <th>model</th>
          <th>column</th>
          <th class="num">value</th>
          <th class="num">threshold</th>
          <th>title</th>
          <th>delivered</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} data-alert={a.id} class={`severity-${a.severity}`}>
            <td>{fmtTime(a.firedAt)}</td>
            <td>{a.severity}</td>
            <td>{a.rule}</td>
            <td>
              {a.model}
              {a.version !== null ? `:${a.version}` : ''}
            </td>
            <td>{a.column ?? '–'}</td>
            <td class="num">{fmtNum(a.value)}</td>
            <td class="num">{fmtNum(a.threshold)}</td>
            <td>{a.title}</td>
            <td>
              {a.delivered.alertSink}
              {a.delivered.retrainRequestId !== null ? `, retrain #${a.delivered.retrainRequestId}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
