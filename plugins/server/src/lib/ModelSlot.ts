import type { FeatureStore, HookBus, Logger, ModelRuntime, ReloadResult, ServedModelInfo } from '@mlops/core';
import type { FeatureRow } from '@mlops/serving';
import { checkServedFeatures } from './checkServedFeatures';
import { ServerError, serverErrorCodes } from '../errors';
import type { HttpServerOptions } from '../options';
import { resolveModelSource, type ModelSourceRef, type ModelSourceServices } from './loadModelSource';
import { ServedModel } from './ServedModel';
import type { ServerMetrics } from './ServerMetrics';

/**
 * The model serving one role (`primary` or `shadow`). `refresh` loads a new version beside the
 * current one and switches with one assignment, so a request sees either the old or the new model,
 * never neither; the old one is released when its last in-flight request finishes.
 */
export class ModelSlot {
  private model: ServedModel | undefined;
  private refreshing: Promise<ReloadResult> | undefined;

  constructor(
    readonly role: 'primary' | 'shadow',
    private readonly source: ModelSourceRef,
    private readonly services: ModelSourceServices & { runtime: ModelRuntime; featureStore?: FeatureStore; hooks?: HookBus },
    private readonly options: HttpServerOptions,
    private readonly metrics: ServerMetrics,
    private readonly logger: Logger,
  ) {}

  /** The model to use for a new request (undefined until the first load). */
  current(): ServedModel | undefined {
    return this.model;
  }

  /**
   * Resolves the source (the reference, the registry entry, the artifact) without reading the model:
   * what a cluster primary checks before forking, so a wrong `--model` fails once, not in every worker.
   */
  async check(): Promise<void> {
    await resolveModelSource(this.source, { ...this.services, artifactKey: this.services.runtime.artifactKey });
  }

  /** Loads the source's current version if it differs from the served one; concurrent calls share one refresh. */
  refresh(): Promise<ReloadResult> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<ReloadResult> {
    const from = this.model?.info ?? null;
    let next: ServedModel;
    try {
      const source = await resolveModelSource(this.source, { ...this.services, artifactKey: this.services.runtime.artifactKey });
      if (from && from.digest === source.info.digest && from.version === source.info.version) return { changed: false, from, to: from };
      const bytes = await source.bytes();
      const loaded = await this.services.runtime.load(bytes).catch((cause: unknown) => {
        throw new ServerError(serverErrorCodes.model, `cannot load ${describe(source.info)}: ${(cause as Error).message}`, { cause });
      });
      const info: ServedModelInfo = { ...source.info, loadedAt: Date.now() };
      next = new ServedModel(
        info,
        loaded,
        this.options,
        (rows, requests) => {
          this.metrics.batchRows.observe(rows);
          this.metrics.batchRequests.observe(requests);
        },
      );
      // Before warming up or switching: a model its feature service cannot feed never serves.
      await checkServedFeatures(next, this.services.featureStore).catch(async (err: unknown) => {
        await next.retire();
        throw err;
      });
      await warmUp(next);
      // A shadow's answers are not served: only the primary announces predictions.
      if (this.role === 'primary') next.announceTo(this.services.hooks);
    } catch (err) {
      this.metrics.reloads.inc({ role: this.role, result: 'failed' });
      throw err;
    }
    const old = this.model;
    this.model = next;
    this.metrics.setModel(this.role, next.info);
    this.metrics.reloads.inc({ role: this.role, result: 'switched' });
    this.logger.info(`${this.role} model: ${from ? `${describe(from)} → ` : ''}${describe(next.info)}`);
    void old?.retire();
    return { changed: true, from, to: next.info };
  }

  /** Releases the model after its in-flight requests. */
  async close(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
    const m = this.model;
    this.model = undefined;
    await m?.retire();
  }
}

function describe(info: Pick<ServedModelInfo, 'name' | 'version' | 'alias'>): string {
  return `${info.name}${info.version === null ? '' : ` v${info.version}`}${info.alias ? ` (@${info.alias})` : ''}`;
}

/** One throwaway run, so the first real request does not pay onnxruntime's lazy initialisation. */
async function warmUp(model: ServedModel): Promise<void> {
  const row: FeatureRow = {};
  for (const c of model.info.signature.inputs) row[c.name] = c.type === 'string' ? '' : c.type === 'bool' ? false : 0;
  await model.predict(model.feedsOf([row]), 1);
}
