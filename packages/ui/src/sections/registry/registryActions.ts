import type { ModelRegistry, PromotionResult, RegistryEvent } from '@mlops/core';
import { badParam } from '../../errors';
import { stringField } from '../../http/queryParams';
import type { UiRequest } from '../../UiSection';

/** The actor recorded in the audit trail when the page gives none. */
export const defaultActor = 'mlops-ui';

function actorOf(body: Record<string, unknown>): string {
  const actor = stringField(body, 'actor', false);
  if (actor !== undefined && (actor.length > 200 || /[\u0000-\u001f]/.test(actor))) throw badParam('actor', 'at most 200 printable characters', actor);
  return actor ?? defaultActor;
}

/**
 * `POST /api/models/:name/promote` `{ version, to?, reason, force?, actor? }`: through the registry's
 * gate (a refusal is a 200 with `promoted: false` and the decision, as the registry returns it). A
 * reason is required: the page asks for one in its confirmation step, and the audit trail keeps it.
 */
export async function promoteVersion(registry: ModelRegistry, req: UiRequest): Promise<PromotionResult> {
  const { body } = req;
  const version = body.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw badParam('version', 'a version number (a positive integer)', version);
  const to = stringField(body, 'to', false) ?? 'champion';
  const reason = stringField(body, 'reason', true)!;
  if (body.force !== undefined && typeof body.force !== 'boolean') throw badParam('force', 'true or false', body.force);
  return registry.promote(req.params.name!, version, { to, force: body.force === true, reason, actor: actorOf(body) });
}

/** `POST /api/models/:name/rollback` `{ alias?, reason, actor? }`: the alias back one move. */
export async function rollbackAlias(registry: ModelRegistry, req: UiRequest): Promise<RegistryEvent> {
  const alias = stringField(req.body, 'alias', false) ?? 'champion';
  const reason = stringField(req.body, 'reason', true)!;
  return registry.rollback(req.params.name!, { alias, reason, actor: actorOf(req.body) });
}
