import { describe, expect, it } from '@jest/globals';
import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { createRequestSchema, feedSpecs, outputLayout, parsePredictRequest, rowsToFeeds, toPredictions, type FeatureRow } from '@mlops/serving';
import { createTestContext } from '@mlops/testkit';
import { rawFrame, signatureOf, trainFixture } from './__fixtures__/servingFixture';
import { tfjsRuntime } from './plugin';
import { tfjsServingBundle } from './tfjsServingBundle';

// What the server does with a request (plugins/server's ServedModel), through the @mlops/serving
// library: the server itself is a plugin, which this package may not depend on.
describe('a request body through @mlops/serving and the tfjs runtime', () => {
  it.each(['churn', 'tier', 'spend'] as const)('%s: /predict rows map to the in-process predictions', async (target) => {
    const fixture = await trainFixture(rawFrame(300, 3), target);
    const signature = signatureOf(fixture.model);
    const runtime = await tfjsRuntime.create(createTestContext(tfjsRuntime, { backend: 'cpu' }));
    const loaded = await runtime.load(tfjsServingBundle({ preprocessing: fixture.chain, model: fixture.model }));
    const rows: FeatureRow[] = [
      { age: 30, income: 45_000, city: 'paris' },
      { age: null, income: 90_000, city: 'lyon' },
      { age: 70, income: 25_000, city: null },
      { age: 50, income: 60_000, city: 'berlin' },
    ];
    const request = parsePredictRequest(JSON.parse(JSON.stringify({ rows })), createRequestSchema(signature));
    expect(request.kind).toBe('rows');
    const parsed = (request as { rows: FeatureRow[] }).rows;
    const outputs = await loaded.run(rowsToFeeds(parsed, feedSpecs(signature, loaded.inputs)));
    const predictions = toPredictions(outputs, outputLayout(signature, loaded.outputs), 0, parsed.length);

    // The same rows as a frame, through the fitted chain and the trainer's model in process.
    const frame = fixture.chain.transform(framesOf(rows));
    if (fixture.model.task === 'regression') {
      const expected = fixture.model.predict(frame);
      predictions.forEach((p, i) => expect(Math.abs((p as { value: number }).value - expected[i]!)).toBeLessThan(1e-5));
    } else {
      const classes = fixture.model.classes!;
      const proba = fixture.model.predictProba(frame);
      const labels = Array.from(fixture.model.predict(frame), (c) => classes[c]);
      predictions.forEach((p, i) => {
        const { label, probabilities } = p as { label: string; probabilities: Record<string, number> };
        expect(label).toBe(labels[i]);
        expect(Object.keys(probabilities)).toEqual(classes);
        classes.forEach((c, k) => expect(Math.abs(probabilities[c]! - proba[i * classes.length + k]!)).toBeLessThan(1e-5));
      });
    }
    await loaded.release();
  });
});

/** Request rows as a Frame with real nulls; 'berlin' is a category unseen in training. */
function framesOf(rows: FeatureRow[]): Frame {
  const cities = [...new Set(rows.map((r) => r.city).filter((c): c is string => typeof c === 'string'))];
  return Frame.fromColumns({
    age: float64Column(rows.map((r) => (r.age === null ? 0 : Number(r.age))), rows.map((r) => r.age === null)),
    income: float64Column(rows.map((r) => Number(r.income))),
    city: categoryColumn(rows.map((r) => (typeof r.city === 'string' ? cities.indexOf(r.city) : -1)), cities),
  });
}
