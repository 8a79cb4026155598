import type { LoadedModel, ModelRuntime, TensorValue } from '@mlops/core';

/**
 * Wraps a runtime so every row whose input `a` is `trigger` comes back with NaN in its float
 * outputs, as a model with a numerically broken branch would answer.
 */
export function nanRuntime(real: ModelRuntime, trigger: number): ModelRuntime {
  return {
    name: 'nan',
    async load(bytes: Uint8Array): Promise<LoadedModel> {
      const m = await real.load(bytes);
      return {
        inputs: m.inputs,
        outputs: m.outputs,
        release: () => m.release(),
        run: async (feeds) => {
          const outputs = await m.run(feeds);
          const a = feeds.a!.data as Float32Array;
          const broken: Record<string, TensorValue> = {};
          for (const [name, t] of Object.entries(outputs)) {
            if (!(t.data instanceof Float32Array)) {
              broken[name] = t;
              continue;
            }
            const data = t.data.slice();
            const perRow = data.length / a.length;
            for (let i = 0; i < a.length; i++) if (a[i] === trigger) data.fill(NaN, i * perRow, (i + 1) * perRow);
            broken[name] = { data, dims: t.dims };
          }
          return broken;
        },
      };
    },
  };
}
