import { render } from 'preact';
import { getJson } from './lib/api';
import { useRoute } from './lib/router';
import { ErrorBox } from './lib/Table';
import { useApi } from './lib/useApi';
import { webSections } from './sections';
import './style.css';

interface Meta {
  project: string;
  store: string;
  writable: boolean;
  sections: { id: string; title: string }[];
}

function App() {
  const route = useRoute();
  const { data: meta, error } = useApi('meta', (signal) => getJson<Meta>('meta', {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!meta) return <p class="muted">loading…</p>;
  const available = webSections.filter((s) => meta.sections.some((m) => m.id === s.id));
  let page = null;
  for (const section of available) {
    for (const p of section.pages) {
      const match = p.pattern.exec(route.path);
      if (match) page = { section: section.id, node: p.render({ match, query: route.query, writable: meta.writable }) };
      if (page) break;
    }
    if (page) break;
  }
  return (
    <>
      <header>
        <b>mlops</b> <span id="project">{meta.project}</span>
        <nav>
          {available.map((s) => (
            <a key={s.id} href={`#${s.home}`} class={page?.section === s.id ? 'active' : ''}>
              {meta.sections.find((m) => m.id === s.id)!.title}
            </a>
          ))}
        </nav>
        <span class="muted store">
          {meta.store}
          {meta.writable ? '' : ' · read-only'}
        </span>
      </header>
      <main>{page ? page.node : available.length ? <p>no page at {route.path}</p> : <p>nothing to show: configure plugins.tracker or plugins.modelRegistry</p>}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
