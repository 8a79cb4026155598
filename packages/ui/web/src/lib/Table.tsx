import type { ComponentChildren } from 'preact';

/** A two-column key/value table (params, metrics, environment). */
export function KeyValues({ rows, id, empty = 'none' }: { rows: [string, ComponentChildren][]; id?: string; empty?: string }) {
  if (!rows.length) return <p class="muted">{empty}</p>;
  return (
    <table class="kv" id={id}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A section of a page with a heading. */
export function Panel({ title, id, children }: { title: string; id?: string; children: ComponentChildren }) {
  return (
    <section class="panel" id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** An error from the API, shown where the content would be. */
export function ErrorBox({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  return (
    <div class="error" role="alert">
      {code ? <code>{code}</code> : null} {message}
    </div>
  );
}
