import type { ModelSignature } from '@mlops/core';
import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { oneHotEncoder, simpleImputer, standardScaler, transformChain, type FittedTransformChain } from '@mlops/transforms';
import { createTfjsTrainer, type TfjsModel } from '@mlops/trainer-tfjs';

const cities = ['lyon', 'nantes', 'paris'];

/**
 * Raw rows: `age` (some nulls), `income` on a large scale, `city` (some missing), and targets
 * `churn` (2 classes), `tier` (3 classes), `spend` (a number), all depending on the inputs.
 */
export function rawFrame(rows: number, seed: number): Frame {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const age = new Float64Array(rows);
  const ageNulls = new Uint8Array(rows);
  const income = new Float64Array(rows);
  const city = new Int32Array(rows);
  const churn = new Int32Array(rows);
  const tier = new Int32Array(rows);
  const spend = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    age[i] = 18 + rnd() * 60;
    ageNulls[i] = rnd() < 0.1 ? 1 : 0;
    income[i] = 20_000 + rnd() * 80_000;
    city[i] = rnd() < 0.1 ? -1 : Math.floor(rnd() * 3);
    const score = (age[i]! - 45) / 15 + (income[i]! - 60_000) / 20_000 + (city[i] === 2 ? 1 : 0);
    churn[i] = score + (rnd() - 0.5) > 0 ? 1 : 0;
    tier[i] = score < -0.7 ? 0 : score < 0.7 ? 1 : 2;
    spend[i] = 2 * score + (city[i] === 0 ? 1 : 0);
  }
  return Frame.fromColumns({
    age: float64Column(age, ageNulls),
    income: float64Column(income),
    city: categoryColumn(city, cities),
    churn: categoryColumn(churn, ['stay', 'leave']),
    tier: categoryColumn(tier, ['low', 'mid', 'high']),
    spend: float64Column(spend),
  });
}

export const targets = ['churn', 'tier', 'spend'] as const;
export type Target = (typeof targets)[number];

/** A fitted preprocessing chain and a dense network trained (cpu backend, seeded) behind it. */
export interface TrainedFixture {
  chain: FittedTransformChain;
  model: TfjsModel;
}

export async function trainFixture(train: Frame, target: Target): Promise<TrainedFixture> {
  const raw = train.select(['age', 'income', 'city']);
  const chain = transformChain([simpleImputer({ strategy: 'median', columns: ['age'] }), standardScaler(), oneHotEncoder({ handleUnknown: 'ignore' })]).fit(raw);
  const features = chain.transform(raw).withColumn(target, train.column(target));
  const trainer = createTfjsTrainer({ backend: 'cpu', hiddenLayers: [8, 4], epochs: 15, learningRate: 0.03 });
  const model = await trainer.fit(features, target, {}, { seed: 7 });
  return { chain, model };
}

/** The signature a registry would hold for the fixture model. */
export function signatureOf(model: TfjsModel): ModelSignature {
  const inputs: ModelSignature['inputs'] = [
    { name: 'age', type: 'double', nullable: true },
    { name: 'income', type: 'double' },
    { name: 'city', type: 'string', nullable: true },
  ];
  if (model.task === 'regression') return { task: 'regression', inputs, outputs: [{ name: 'variable', type: 'float', shape: [null, 1] }] };
  return { task: model.task, inputs, outputs: [{ name: 'probabilities', type: 'float', shape: [null, model.classes!.length] }], classes: [...model.classes!] };
}
