import { getJson } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox } from '../../lib/Table';
import { useApi } from '../../lib/useApi';

interface Model {
  name: string;
  latestVersion: number;
  aliases: Record<string, number>;
  updatedAt: number;
}

/** Registered models with their latest version and aliases. */
export function ModelsPage() {
  const { data, error } = useApi('models', (signal) => getJson<{ models: Model[] }>('models', {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <div>
      <h1>Registered models</h1>
      <table class="grid" id="models-table">
        <thead>
          <tr>
            <th>model</th>
            <th>latest</th>
            <th>aliases</th>
            <th>last change</th>
          </tr>
        </thead>
        <tbody>
          {data.models.map((m) => (
            <tr key={m.name} data-model={m.name}>
              <td>
                <a href={href(`/models/${encodeURIComponent(m.name)}`)}>{m.name}</a>
              </td>
              <td>v{m.latestVersion}</td>
              <td>
                {Object.entries(m.aliases).map(([a, v]) => (
                  <span class="alias" key={a}>
                    @{a} → v{v}
                  </span>
                ))}
              </td>
              <td>{fmtTime(m.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!data.models.length ? <p class="muted">no model is registered yet</p> : null}
    </div>
  );
}
