import type { LoadedModel, ModelRuntime } from '@mlops/core';

/** Wraps a runtime so models whose bytes `isSlow` picks take `delayMs` longer per run. */
export function slowRuntime(real: ModelRuntime, delayMs: number, isSlow: (bytes: Uint8Array) => boolean = () => true): ModelRuntime & { runs: number } {
  const wrapper = {
    name: 'slow',
    runs: 0,
    async load(bytes: Uint8Array): Promise<LoadedModel> {
      const m = await real.load(bytes);
      if (!isSlow(bytes)) return m;
      return {
        inputs: m.inputs,
        outputs: m.outputs,
        release: () => m.release(),
        run: async (feeds) => {
          wrapper.runs++;
          await new Promise((r) => setTimeout(r, delayMs));
          return m.run(feeds);
        },
      };
    },
  };
  return wrapper;
}
