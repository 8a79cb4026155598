import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotFoundError, type RegistryEvent } from '@mlops/core';
import { RegistryError } from '../errors';
import { createRegistry, recordingAlertSink, recordingLogger, type RegistryDatabase } from './subjects';
import { evalOn, otherSet, sampleVersion, testSet, uniqueModel } from './sampleVersion';
import { runRegistryChildren, runRegistryChildrenWithCounts } from './runRegistryChildren';

/** Every alias move in `events` starts where the previous one left the alias. */
export function expectConsistentAliasChain(events: RegistryEvent[], alias: string): number | null {
  let current: number | null = null;
  for (const e of events.filter((x) => x.alias === alias)) {
    expect({ id: e.id, type: e.type, fromVersion: e.fromVersion }).toEqual({ id: e.id, type: e.type, fromVersion: current });
    if (e.type !== 'promotion-refused') current = e.version;
  }
  return current;
}

/** The behaviour of SqlModelRegistry, run against one database kind. */
export function registryCases(openDatabase: () => Promise<RegistryDatabase>): void {
  let db: RegistryDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db?.cleanup());

  describe('register and look up', () => {
    it('numbers versions per name from 1, stores every field and records who registered it', async () => {
      const { registry, artifacts } = await createRegistry(db, { options: { actor: 'ana' } });
      const name = uniqueModel();
      const other = uniqueModel();
      const input = await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.9 }, { 'age<40': { rocAuc: 0.8 } }), { tags: { team: 'risk' }, description: 'first try' });
      const v1 = await registry.register(input, { reason: 'nightly' });
      expect(v1).toMatchObject({
        name,
        version: 1,
        runId: 'run-1',
        artifacts: input.artifacts,
        signature: input.signature,
        datasets: input.datasets,
        tags: { team: 'risk' },
        description: 'first try',
        training: input.training,
        aliases: [],
        createdBy: 'ana',
      });
      expect(v1.evaluations).toEqual([{ ...input.evaluation, evaluatedAt: expect.any(Number) }]);
      expect((await registry.register(await sampleVersion(artifacts, name))).version).toBe(2);
      expect((await registry.register(await sampleVersion(artifacts, other))).version).toBe(1);
      const { created, ...stored } = v1;
      expect(created).toBe(true);
      expect(await registry.getVersion(name, 1)).toEqual(stored);
      const [event] = await registry.history(name);
      expect(event).toMatchObject({ type: 'register', version: 1, actor: 'ana', reason: 'nightly', alias: null, fromVersion: null });
    });

    it('is idempotent by artifacts and signature: the same model again returns the existing version', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      const input = await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.9 }));
      const first = await registry.register(input);
      expect([first.version, first.created]).toEqual([1, true]);
      // An identical rerun: another run id and tags, the same bytes and signature.
      const again = await registry.register({ ...input, runId: 'run-2', tags: { rerun: 'yes' } });
      expect([again.version, again.created, again.runId, again.tags]).toEqual([1, false, 'run-1', {}]);
      expect((await registry.listVersions(name)).map((v) => v.version)).toEqual([1]);
      expect((await registry.history(name)).filter((e) => e.type === 'register')).toHaveLength(1);
      // Another signature or other artifacts are another version.
      const wider = await registry.register({ ...input, signature: { ...input.signature, inputs: [...input.signature.inputs, { name: 'area', type: 'double' }] } });
      expect([wider.version, wider.created]).toEqual([2, true]);
      const baseline = await artifacts.put(new TextEncoder().encode('baseline'));
      expect(await registry.register({ ...input, artifacts: { ...input.artifacts, baseline: baseline.digest } })).toMatchObject({ version: 3, created: true });
      // The same artifacts under another name are that model's own first version.
      expect(await registry.register({ ...input, name: uniqueModel() })).toMatchObject({ version: 1, created: true });
    });

    it('records the feature service a version was trained from, and null when there is none', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      const features = { service: 'churn_v1', definitionsVersion: 3, definitionsDigest: `sha256:${'a'.repeat(64)}`, entityKeys: ['customer_id'] };
      const withFeatures = await registry.register({ ...(await sampleVersion(artifacts, name)), features });
      expect((await registry.getVersion(name, withFeatures.version))!.features).toEqual(features);
      expect((await registry.register(await sampleVersion(artifacts, name))).features).toBeNull();
      await expect(registry.register({ ...(await sampleVersion(artifacts, name)), features: { ...features, entityKeys: [] } })).rejects.toThrow('features.entityKeys');
    });

    it('refuses a digest that is not in the artifact store, naming it, and writes nothing', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      const input = await sampleVersion(artifacts, name, undefined, {});
      const missing = `sha256:${'9'.repeat(64)}`;
      const attempt = registry.register({ ...input, artifacts: { ...input.artifacts, baseline: missing } });
      await expect(attempt).rejects.toThrow(RegistryError);
      await expect(attempt).rejects.toThrow(`artifacts.baseline ${missing} is not in the artifact store`);
      await expect(registry.register({ ...input, artifacts: { onnx: 'model.onnx' } })).rejects.toThrow('artifacts.onnx: expected a "sha256:<64 hex>" digest, received "model.onnx"');
      expect((await registry.listModels()).map((m) => m.name)).not.toContain(name);
    });

    it('rejects a malformed version, naming the field', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const input = await sampleVersion(artifacts, uniqueModel());
      await expect(registry.register({ ...input, signature: { ...input.signature, task: 'ranking' as never } })).rejects.toThrow(/signature\.task/);
      await expect(registry.register({ ...input, name: 'bad@name' })).rejects.toThrow('model name: expected');
    });

    it('resolves name, name:N, name@N and name@alias, and names what exists when it cannot', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel('fraud');
      for (let i = 0; i < 3; i++) await registry.register(await sampleVersion(artifacts, name));
      await registry.setAlias(name, 'challenger', 2);
      expect((await registry.resolve(name)).version).toBe(3);
      expect((await registry.resolve(`${name}:1`)).version).toBe(1);
      expect((await registry.resolve(`${name}@2`)).version).toBe(2);
      expect(await registry.resolve(`${name}@challenger`)).toMatchObject({ version: 2, aliases: ['challenger'] });
      await expect(registry.resolve(`${name}@prod`)).rejects.toThrow(NotFoundError);
      await expect(registry.resolve(`${name}@prod`)).rejects.toThrow(`model "${name}" has no alias "prod"; versions: 1, 2, 3; aliases: challenger -> v2`);
      await expect(registry.resolve(`${name}:7`)).rejects.toThrow('has no version 7');
      await expect(registry.resolve(`${name}x`)).rejects.toThrow(`no model named "${name}x"; did you mean "${name}"?`);
      expect(await registry.getVersion(name, 'nope')).toBeUndefined();
    });

    it('lists models with their aliases, and versions newest first', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      for (let i = 0; i < 3; i++) await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.8 + i / 100 })));
      await registry.promote(name, 2);
      await registry.setAlias(name, 'shadow', 3);
      const model = (await registry.listModels()).find((m) => m.name === name);
      expect(model).toMatchObject({ name, latestVersion: 3, aliases: { champion: 2, shadow: 3 } });
      const versions = await registry.listVersions(name);
      expect(versions.map((v) => [v.version, v.aliases])).toEqual([[3, ['shadow']], [2, ['champion']], [1, []]]);
      expect(versions[0]!.evaluations[0]!.metrics.rocAuc).toBeCloseTo(0.82);
    });
  });

  describe('tags, evaluations and ungated aliases', () => {
    it('merges tags and records tag and evaluate events', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      await registry.register(await sampleVersion(artifacts, name, undefined, { tags: { a: '1' } }));
      await registry.setTags(name, 1, { b: '2' }, { actor: 'bo' });
      await registry.addEvaluation(name, 1, evalOn(otherSet, { rocAuc: 0.7 }), { actor: 'bo' });
      const v = (await registry.getVersion(name, 1))!;
      expect(v.tags).toEqual({ a: '1', b: '2' });
      expect(v.evaluations.map((e) => e.datasetDigest)).toEqual([otherSet]);
      const events = await registry.history(name);
      expect(events.map((e) => [e.type, e.actor])).toEqual([['register', expect.any(String)], ['tag', 'bo'], ['evaluate', 'bo']]);
      expect(events[1]!.details).toEqual({ tags: { b: '2' } });
      expect(events[2]!.details).toMatchObject({ datasetDigest: otherSet, metrics: { rocAuc: 0.7 } });
      await expect(registry.setTags(name, 9, {})).rejects.toThrow(NotFoundError);
      await expect(registry.addEvaluation(name, 1, { datasetDigest: otherSet, metrics: { rocAuc: Number.NaN } })).rejects.toThrow(/metrics\.rocAuc/);
    });

    it('moves an ungated alias, recording where it came from, and refuses a gated one', async () => {
      const { registry, artifacts } = await createRegistry(db, { options: { gatedAliases: ['champion', 'prod'] } });
      const name = uniqueModel();
      for (let i = 0; i < 2; i++) await registry.register(await sampleVersion(artifacts, name));
      expect(await registry.setAlias(name, 'challenger', 1)).toMatchObject({ type: 'alias-set', alias: 'challenger', version: 1, fromVersion: null });
      expect(await registry.setAlias(name, 'challenger', 2)).toMatchObject({ fromVersion: 1, version: 2 });
      for (const gated of ['champion', 'prod']) {
        await expect(registry.setAlias(name, gated, 1)).rejects.toThrow(`alias "${gated}" is gated: only promote moves it`);
      }
      expect((await registry.getVersion(name, 'champion'))).toBeUndefined();
      await expect(registry.setAlias(name, '3rd', 1)).rejects.toThrow('alias: expected a letter');
    });
  });

  describe('promote', () => {
    async function twoVersions(setup: Parameters<typeof createRegistry>[1], first: Record<string, number>, second: Record<string, number>, secondSet = testSet) {
      const made = await createRegistry(db, setup);
      const name = uniqueModel();
      await made.registry.register(await sampleVersion(made.artifacts, name, evalOn(testSet, first)));
      await made.registry.register(await sampleVersion(made.artifacts, name, evalOn(secondSet, second)));
      expect((await made.registry.promote(name, 1)).promoted).toBe(true);
      return { ...made, name };
    }

    it('makes the first champion without comparison, then promotes a better candidate', async () => {
      const { registry, name } = await twoVersions({}, { rocAuc: 0.9 }, { rocAuc: 0.93 });
      const result = await registry.promote(name, 2, { reason: 'better auc', actor: 'cy' });
      expect(result).toMatchObject({ promoted: true, forced: false, decision: { passed: true, metric: 'rocAuc', candidate: 0.93, incumbent: 0.9, incumbentVersion: 1, datasetDigest: testSet } });
      expect(result.event).toMatchObject({ type: 'promote', version: 2, fromVersion: 1, alias: 'champion', actor: 'cy', reason: 'better auc' });
      expect((await registry.resolve(`${name}@champion`)).version).toBe(2);
      const first = (await registry.history(name)).find((e) => e.type === 'promote')!;
      expect(first).toMatchObject({ version: 1, fromVersion: null });
      expect((first.details as { decision: { reasons: string[] } }).decision.reasons[0]).toMatch(/becomes the first champion/);
    });

    it('refuses a worse candidate: keeps the incumbent, records the decision and sends an alert', async () => {
      const sink = recordingAlertSink();
      const { registry, name } = await twoVersions({ alerts: sink }, { rocAuc: 0.9 }, { rocAuc: 0.85 });
      const result = await registry.promote(name, 2, { actor: 'cy' });
      expect(result).toMatchObject({ promoted: false, forced: false, decision: { passed: false, candidate: 0.85, incumbent: 0.9 } });
      expect(result.event).toMatchObject({ type: 'promotion-refused', version: 2, fromVersion: 1, alias: 'champion' });
      expect(result.event.details).toEqual({ decision: result.decision });
      expect((await registry.resolve(`${name}@champion`)).version).toBe(1);
      expect(sink.alerts).toEqual([
        {
          severity: 'warning',
          title: `promotion of ${name} v2 to champion refused`,
          detail: expect.stringContaining('rocAuc 0.85 vs 0.9 (champion v1, higher is better): does not improve by more than 0 (-0.05)'),
          labels: { source: 'model-registry', model: name, version: '2', alias: 'champion', actor: 'cy', incumbentVersion: '1' },
        },
      ]);
      expect((await registry.history(name)).at(-1)).toEqual(result.event);
    });

    it('logs a warning for a refusal when no alert sink is configured', async () => {
      const logger = recordingLogger();
      const { registry, name } = await twoVersions({ logger }, { rocAuc: 0.9 }, { rocAuc: 0.9 });
      expect((await registry.promote(name, 2)).promoted).toBe(false);
      expect(logger.warnings).toEqual([expect.stringContaining(`promotion of ${name} v2 to champion refused: rocAuc 0.9 vs 0.9`)]);
    });

    it('still returns the refusal when the alert sink fails, logging the failure', async () => {
      const logger = recordingLogger();
      const failing = { send: async () => Promise.reject(new Error('webhook down')) };
      const { registry, name } = await twoVersions({ alerts: failing, logger }, { rocAuc: 0.9 }, { rocAuc: 0.8 });
      expect((await registry.promote(name, 2)).promoted).toBe(false);
      expect(logger.warnings).toEqual([expect.stringContaining('(the alert sink failed: webhook down)')]);
    });

    it('refuses when a guard metric regresses beyond its tolerance, and passes within it', async () => {
      const gate = { metric: 'rocAuc', guards: [{ metric: 'recall', direction: 'higher' as const, tolerance: 0.02 }] };
      const refused = await twoVersions({ options: { gate } }, { rocAuc: 0.9, recall: 0.8 }, { rocAuc: 0.95, recall: 0.75 });
      const r = await refused.registry.promote(refused.name, 2);
      expect(r.promoted).toBe(false);
      expect(r.decision.guards).toEqual([{ metric: 'recall', candidate: 0.75, incumbent: 0.8, tolerance: 0.02, passed: false }]);
      expect(r.decision.reasons).toContain('guard recall: 0.75 vs 0.8 is worse by 0.05, more than the tolerance 0.02');
      const passed = await twoVersions({ options: { gate } }, { rocAuc: 0.9, recall: 0.8 }, { rocAuc: 0.95, recall: 0.78 });
      expect((await passed.registry.promote(passed.name, 2)).promoted).toBe(true);
    });

    it('uses a per-model gate: lower-is-better with a minimum improvement', async () => {
      const name = uniqueModel();
      const { registry, artifacts } = await createRegistry(db, { options: { gates: { [name]: { metric: 'rmse', direction: 'lower', minImprovement: 0.5 } } } });
      for (const rmse of [10, 9.5, 9.4]) await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rmse })));
      expect((await registry.promote(name, 1)).promoted).toBe(true);
      const exactlyMin = await registry.promote(name, 2);
      expect(exactlyMin).toMatchObject({ promoted: false, decision: { metric: 'rmse', direction: 'lower' } });
      expect((await registry.promote(name, 3)).promoted).toBe(true);
    });

    it('refuses without a shared evaluation set, and passes once the incumbent is scored on the candidate set', async () => {
      const { registry, name } = await twoVersions({}, { rocAuc: 0.9 }, { rocAuc: 0.95 }, otherSet);
      const refused = await registry.promote(name, 2);
      expect(refused.promoted).toBe(false);
      expect(refused.decision.reasons[0]).toMatch(/^no shared evaluation set: candidate v2 has sha256:bbbbbbbbbbbb…, incumbent v1 has sha256:aaaaaaaaaaaa…; re-evaluate v1/);
      await registry.addEvaluation(name, 1, evalOn(otherSet, { rocAuc: 0.91 }));
      const passed = await registry.promote(name, 2);
      expect(passed).toMatchObject({ promoted: true, decision: { datasetDigest: otherSet, incumbent: 0.91, candidate: 0.95 } });
    });

    it('refuses when the gate metric is missing, and when the candidate is already the alias', async () => {
      const { registry, name } = await twoVersions({}, { rocAuc: 0.9 }, { accuracy: 0.99 });
      const missing = await registry.promote(name, 2);
      expect(missing.promoted).toBe(false);
      expect(missing.decision.reasons).toEqual([`metric rocAuc is missing from the evaluation of candidate v2 on sha256:aaaaaaaaaaaa…`]);
      const already = await registry.promote(name, 1, { force: true, reason: 'again' });
      expect(already).toMatchObject({ promoted: false, forced: false, decision: { reasons: ['v1 is already champion'] } });
    });

    it('forces a failing promotion only with a reason, and records the failed decision', async () => {
      const { registry, name } = await twoVersions({}, { rocAuc: 0.9 }, { rocAuc: 0.8 });
      await expect(registry.promote(name, 2, { force: true })).rejects.toThrow(`promote ${name} v2 to champion with force: expected a non-empty reason`);
      await expect(registry.promote(name, 2, { force: true, reason: '  ' })).rejects.toThrow(RegistryError);
      const forced = await registry.promote(name, 2, { force: true, reason: 'hotfix for INC-42', actor: 'oncall' });
      expect(forced).toMatchObject({ promoted: true, forced: true, decision: { passed: false } });
      expect(forced.event).toMatchObject({ type: 'promotion-forced', version: 2, fromVersion: 1, reason: 'hotfix for INC-42', actor: 'oncall' });
      expect((forced.event.details as { decision: { passed: boolean } }).decision.passed).toBe(false);
      expect((await registry.resolve(`${name}@champion`)).version).toBe(2);
      await expect(registry.promote(name, 5)).rejects.toThrow(NotFoundError);
    });
  });

  describe('rollback', () => {
    it('undoes a bad promotion', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.9 })));
      await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.5 })));
      await registry.promote(name, 1);
      await registry.promote(name, 2, { force: true, reason: 'trying it' });
      const event = await registry.rollback(name, { actor: 'oncall', reason: 'alerts firing' });
      expect(event).toMatchObject({ type: 'rollback', alias: 'champion', version: 1, fromVersion: 2, actor: 'oncall', reason: 'alerts firing' });
      expect((await registry.resolve(`${name}@champion`)).version).toBe(1);
    });

    it('walks back further on each rollback instead of toggling, and stops with a clear error', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      for (const auc of [0.8, 0.85, 0.9]) await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: auc })));
      for (const v of [1, 2, 3]) expect((await registry.promote(name, v)).promoted).toBe(true);
      expect((await registry.rollback(name)).version).toBe(2);
      expect((await registry.rollback(name)).version).toBe(1);
      await expect(registry.rollback(name)).rejects.toThrow(`cannot roll back champion of "${name}": it points at v1 and has no earlier version to go back to`);
      await expect(registry.rollback(name, { alias: 'challenger' })).rejects.toThrow('the alias is not set');
      // After walking back, a new promotion is undone to where the rollbacks left the alias.
      await registry.promote(name, 3);
      expect((await registry.rollback(name)).version).toBe(1);
      expectConsistentAliasChain(await registry.history(name), 'champion');
    });
  });

  describe('audit trail', () => {
    it('takes the actor from the option, else the call, else MLOPS_ACTOR, else the OS user', async () => {
      const name = uniqueModel();
      const fixed = await createRegistry(db, { options: { actor: 'ci-bot' } });
      await fixed.registry.register(await sampleVersion(fixed.artifacts, name), { actor: 'ignored' });
      const { registry, artifacts } = await createRegistry(db);
      await registry.setTags(name, 1, { x: '1' }, { actor: 'dee' });
      const saved = process.env.MLOPS_ACTOR;
      try {
        process.env.MLOPS_ACTOR = 'env-actor';
        await registry.setTags(name, 1, { x: '2' });
        delete process.env.MLOPS_ACTOR;
        await registry.register(await sampleVersion(artifacts, name));
      } finally {
        if (saved === undefined) delete process.env.MLOPS_ACTOR;
        else process.env.MLOPS_ACTOR = saved;
      }
      const actors = (await registry.history(name)).map((e) => e.actor);
      expect(actors).toEqual(['ci-bot', 'dee', 'env-actor', (await import('node:os')).userInfo().username]);
    });

    it('keeps every event oldest first, and the newest n with limit', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      for (const auc of [0.8, 0.7]) await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: auc })));
      await registry.promote(name, 1);
      await registry.promote(name, 2);
      await registry.promote(name, 2, { force: true, reason: 'r' });
      await registry.setAlias(name, 'challenger', 1);
      await registry.rollback(name);
      const events = await registry.history(name);
      expect(events.map((e) => e.type)).toEqual(['register', 'register', 'promote', 'promotion-refused', 'promotion-forced', 'alias-set', 'rollback']);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
      expect(events.every((e) => e.model === name && e.at > 0)).toBe(true);
      expect((await registry.history(name, { limit: 2 })).map((e) => e.type)).toEqual(['alias-set', 'rollback']);
      await expect(registry.history(name, { limit: 0 })).rejects.toThrow('history limit: expected a positive integer, received 0');
      await expect(registry.history(`${name}-typo`)).rejects.toThrow(`no model named "${name}-typo"; did you mean "${name}"?`);
      await expect(registry.listVersions(`${name}-typo`)).rejects.toThrow(NotFoundError);
      expect(expectConsistentAliasChain(events, 'champion')).toBe(1);

      // The card tells a refusal from a move: nothing went from v1 to v2 when the gate said no.
      const md = await registry.modelCard(name, 2, 'markdown');
      expect(md).toMatch(/\| promotion-refused \| champion \| refused: candidate v2 kept out, v1 stays @champion \| [^|]+ \|  \| failed: rocAuc 0\.7 vs 0\.8/);
      expect(md).not.toMatch(/\| promotion-refused \| champion \| v1 → v2/);
      expect(md).toMatch(/\| promotion-forced \| champion \| v1 → v2 \(forced past the gate\) \| [^|]+ \| r \| failed: /);
      await registry.promote(name, 1);
      expect(await registry.modelCard(name, 1, 'markdown')).toMatch(/\| promotion-refused \| champion \| refused: v1 is already @champion \|/);
    });
  });

  describe('model card', () => {
    it('shows details, owner statements, data, baseline, evaluations and history in Markdown and HTML', async () => {
      const name = uniqueModel('card');
      const { registry, artifacts } = await createRegistry(db, {
        options: { cards: { [name]: { owner: 'risk-team', intendedUse: 'triage <b>support</b> | not diagnosis', limitations: 'small sample' } } },
      });
      const baseline = await artifacts.put(
        new TextEncoder().encode(
          JSON.stringify({
            dataset: 'train/validate/dataset',
            datasetDigest: `sha256:${'d'.repeat(64)}`,
            rowCount: 569,
            columns: {
              radius: { kind: 'numeric', dtype: 'float64', count: 560, nullCount: 9, nullRate: 9 / 569, mean: 14.127, min: 6.98, max: 28.11 },
              site: { kind: 'categorical', dtype: 'category', count: 569, nullCount: 0, nullRate: 0, distinct: 3, frequencies: [{ value: 'left', count: 300 }, { value: 'right', count: 200 }], otherCount: 69 },
            },
          }),
        ),
      );
      const input = await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.97, accuracy: 0.95 }, { 'age<40': { rocAuc: 0.96 }, 'age>=40': { rocAuc: 0.98, accuracy: 0.9 } }), {
        description: '<script>alert(1)</script>',
      });
      await registry.register({ ...input, artifacts: { ...input.artifacts, baseline: baseline.digest } });
      await registry.promote(name, 1, { actor: 'ana' });

      const md = await registry.modelCard(name, 1, 'markdown');
      expect(md).toContain(`# Model card: ${name} v1`);
      expect(md).toContain('- **Aliases:** champion');
      expect(md).toContain('- **Owner:** risk-team');
      expect(md).toContain('- **Intended use:** triage \\<b\\>support\\</b\\> \\| not diagnosis');
      expect(md).toContain('- **Out of scope:** _not stated_');
      expect(md).toContain('- **Fairness:** _not stated_');
      expect(md).toContain('- **Training params:** {"learningRate":0.1,"maxDepth":4}');
      expect(md).toContain('| texture | double | yes |');
      expect(md).toContain('- **Rows:** 569');
      expect(md).toContain('| radius | float64 | 9 (1.58%) | 14.127 | 6.98 | 28.11 |  |');
      expect(md).toContain('| site | category | 0 (0%) |  |  |  | left (300), right (200), other (69) |');
      expect(md).toContain('| rocAuc | 0.97 |');
      expect(md).toContain('| slice | rocAuc | accuracy |');
      expect(md).toContain('| age\\<40 | 0.96 | – |');
      expect(md).toMatch(/\| promote \| champion \| – → v1 \| ana \|  \| passed: champion is not set/);
      expect(md).not.toContain('<script>');

      const html = await registry.modelCard(name, 1, 'html');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain(`<title>Model card: ${name} v1</title>`);
      expect(html).toContain('<dt>Description</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
      expect(html).toContain('<dd>triage &lt;b&gt;support&lt;/b&gt; | not diagnosis</dd>');
      expect(html).toContain('<dt>Out of scope</dt><dd><span class="missing">not stated</span></dd>');
      expect(html).toContain('<td>left (300), right (200), other (69)</td>');
      expect(html).toContain('<td>age&lt;40</td>');
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    });

    it('says when there is no baseline or evaluation, and rejects an unknown format', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel();
      await registry.register(await sampleVersion(artifacts, name));
      const md = await registry.modelCard(name, 1, 'markdown');
      expect(md).toContain('- **Baseline:** _not stated_');
      expect(md).toContain('- **Evaluations:** _not stated_');
      await expect(registry.modelCard(name, 1, 'pdf' as never)).rejects.toThrow('modelCard format: expected "markdown" or "html", received "pdf"');
      await expect(registry.modelCard(name, 2, 'html')).rejects.toThrow(NotFoundError);
    });
  });

  describe('concurrency', () => {
    it('two processes registering at once get versions 1..N, each once', async () => {
      const name = uniqueModel('conc');
      const perProcess = 25;
      const versions = (await runRegistryChildren(db.description, 2, { kind: 'register', model: name, count: perProcess, workers: 3 })).flat();
      const expected = Array.from({ length: 2 * perProcess }, (_, i) => i + 1);
      expect([...versions].sort((a, b) => a - b)).toEqual(expected);
      const { registry } = await createRegistry(db);
      expect((await registry.listVersions(name)).map((v) => v.version).reverse()).toEqual(expected);
      expect((await registry.history(name)).filter((e) => e.type === 'register')).toHaveLength(2 * perProcess);
    }, 120_000);

    it('two processes registering the same artifacts at once get one version, created once', async () => {
      const name = uniqueModel('same');
      const results = await runRegistryChildrenWithCounts(db.description, 2, { kind: 'register-same', model: name, count: 10, workers: 3 });
      expect(results.flatMap((r) => r.versions)).toEqual(new Array(20).fill(1));
      expect(results.reduce((n, r) => n + r.created, 0)).toBe(1);
      const { registry } = await createRegistry(db);
      expect((await registry.listVersions(name)).map((v) => v.version)).toEqual([1]);
      expect((await registry.history(name)).filter((e) => e.type === 'register')).toHaveLength(1);
    }, 120_000);

    it('two processes promoting and rolling back at once leave the alias and the event log consistent', async () => {
      const { registry, artifacts } = await createRegistry(db);
      const name = uniqueModel('conc');
      for (let i = 0; i < 4; i++) await registry.register(await sampleVersion(artifacts, name, evalOn(testSet, { rocAuc: 0.5 })));
      await runRegistryChildren(db.description, 2, { kind: 'promote', model: name, count: 24, workers: 2, versions: 4 });
      const events = await registry.history(name);
      expect(events.filter((e) => e.alias === 'champion').length).toBeGreaterThanOrEqual(48 - 12);
      const last = expectConsistentAliasChain(events, 'champion');
      expect((await registry.getVersion(name, 'champion'))?.version).toBe(last);
    }, 120_000);
  });
}
