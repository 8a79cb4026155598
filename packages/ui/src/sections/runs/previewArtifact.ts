import { UiError, uiErrorCodes } from '../../errors';
import type { UiServices } from '../../UiSection';
import { maxPreviewBytes } from './showRun';

/**
 * `GET /api/artifacts/:id/preview`: the content of a small text or JSON artifact (by its recorded id,
 * never an arbitrary digest), JSON pretty-printed. Anything else says why there is no preview.
 */
export async function previewArtifact(services: UiServices, id: string): Promise<{ id: string; name: string; kind: 'json' | 'text' | 'none'; text: string | null; reason?: string }> {
  const record = await services.metadata!.getArtifact(id);
  if (!record) throw new UiError(uiErrorCodes.notFound, `no artifact "${id}"`, { path: 'id', received: id });
  const none = (reason: string) => ({ id: record.id, name: record.name, kind: 'none' as const, text: null, reason });
  if (record.size > maxPreviewBytes) return none(`${record.size} bytes: previews show artifacts up to ${maxPreviewBytes} bytes`);
  if (!['json', 'text', 'html'].includes(record.serializer)) return none(`a ${record.serializer} artifact: no text preview`);
  if (!services.artifacts || !(await services.artifacts.has(record.digest))) return none('its content is no longer in the artifact store');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await services.artifacts.get(record.digest));
  if (record.serializer !== 'json') return { id: record.id, name: record.name, kind: 'text', text };
  try {
    return { id: record.id, name: record.name, kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { id: record.id, name: record.name, kind: 'text', text };
  }
}
