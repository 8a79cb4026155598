import { predict } from './http';

/** What a load loop saw. */
export interface HammerResult {
  ok: number;
  failed: { status: number; body: string }[];
  /** P(pos) of the probe row per response, in order: shows which model answered. */
  probes: number[];
}

/** `concurrency` loops POSTing `/predict` until `stop()`; every non-200 is kept. */
export function hammer(url: string, concurrency: number, row: Record<string, number | null>) {
  let stopped = false;
  const result: HammerResult = { ok: 0, failed: [], probes: [] };
  const loop = async () => {
    while (!stopped) {
      try {
        const res = await predict(url, { row });
        if (res.status === 200) {
          result.ok++;
          result.probes.push(res.json.predictions[0].probabilities.pos);
        } else result.failed.push({ status: res.status, body: res.text });
      } catch (err) {
        result.failed.push({ status: 0, body: (err as Error).message });
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    result,
    async stop(): Promise<HammerResult> {
      stopped = true;
      await Promise.all(loops);
      return result;
    },
  };
}
