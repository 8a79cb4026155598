import { InMemoryStorage, SqlTuner, categoricalDistribution, floatDistribution, intDistribution } from '@mlops/tuner';

/**
 * The tuner (core's `Tuner`, `@mlops/tuner`'s implementation) over its in-memory storage, holding
 * one study of `count` complete trials written through the storage API: 10,000 trials through the
 * SQL storage take half a minute on the shared machine (one transaction per write), which no browser
 * test can spend. Objective (x − 1)² + 0.1·depth + 0.5 for `dart`: x matters most.
 */
export async function bigStudyTuner(count: number): Promise<SqlTuner> {
  const storage = new InMemoryStorage();
  const study = await storage.createStudy('big', ['minimize']);
  const dists = { x: floatDistribution('x', -5, 5), lr: floatDistribution('lr', 1e-4, 1, { log: true }), depth: intDistribution('depth', 2, 10), subsample: floatDistribution('subsample', 0.5, 1), booster: categoricalDistribution('booster', ['gbtree', 'dart']) };
  for (let i = 0; i < count; i++) {
    // A low-discrepancy walk (golden-ratio steps), deterministic and spread over every axis.
    const u = (k: number) => (i * (0.6180339887 + k * 0.1234567) + k / 7) % 1;
    const values = { x: -5 + 10 * u(0), lr: 10 ** (-4 + 4 * u(1)), depth: 2 + Math.floor(9 * u(2)), subsample: 0.5 + 0.5 * u(3), booster: u(4) < 0.5 ? 0 : 1 };
    const trial = await storage.claimTrial(study.id);
    await storage.writeTrial(trial.id, { params: Object.entries(values).map(([name, value]) => ({ name, distribution: dists[name as keyof typeof dists], value })) });
    await storage.finishTrial(trial.id, { state: 'complete', values: [(values.x - 1) ** 2 + 0.1 * values.depth + 0.5 * values.booster] });
  }
  return new SqlTuner(storage, {}, { intervalMs: 10_000, staleMs: 60_000 });
}
