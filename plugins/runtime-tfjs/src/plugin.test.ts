import { describe, expect, it } from '@jest/globals';
import { isPlugin, tokens, type Logger } from '@mlops/core';
import { createTestContext } from '@mlops/testkit';
import * as mod from './index';
import { tfjsRuntimeOptions } from './options';
import { tfjsRuntime } from './plugin';

function recordingLogger(lines: string[]): Logger {
  const log = (m: string) => void lines.push(m);
  return { debug: log, info: log, warn: log, error: log };
}

describe('tfjsRuntime plugin', () => {
  it('provides the model runtime with documented defaults and checked options', () => {
    expect(isPlugin(tfjsRuntime)).toBe(true);
    expect(tfjsRuntime.provides).toBe(tokens.modelRuntime);
    expect(mod.default).toEqual([tfjsRuntime]);
    expect(tfjsRuntimeOptions.parse({})).toEqual({ backend: 'auto' });
    expect(tfjsRuntimeOptions.safeParse({ backend: 'webgl' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['backend']);
    expect(tfjsRuntimeOptions.safeParse({ threads: 0 }).error?.issues.map((i) => i.path.join('.'))).toEqual(['threads']);
    expect(tfjsRuntimeOptions.safeParse({ thread: 2 }).success).toBe(false);
  });

  it('auto picks the first backend that starts and logs it once; its name says which', async () => {
    let native = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      native = false;
    }
    const lines: string[] = [];
    const runtime = await tfjsRuntime.create(createTestContext(tfjsRuntime, {}, { logger: recordingLogger(lines) }));
    // tfjs-node is not installable here (its install script downloads libtensorflow), so wasm runs.
    const expected = native ? 'tfjs-node' : 'tfjs-wasm';
    expect(runtime.name).toBe(expected);
    expect(lines).toEqual([`runtime-tfjs: running on ${expected}`]);
    expect(await runtime.health!()).toEqual({ ok: true, detail: expect.stringMatching(new RegExp(`^${expected} \\(@tensorflow/tfjs \\d`)) });
  });

  it('says when the wasm backend cannot use the threads asked for', async () => {
    const lines: string[] = [];
    const runtime = await tfjsRuntime.create(createTestContext(tfjsRuntime, { backend: 'wasm', threads: 2 }, { logger: recordingLogger(lines) }));
    expect(runtime.name).toBe('tfjs-wasm');
    expect(lines).toEqual(['runtime-tfjs: running on tfjs-wasm', 'runtime-tfjs: threads: 2 requested, the wasm backend runs 1 (tfjs finds no wasm multithreading in Node)']);
  });

  it('naming a backend that cannot start is an error that says what to do', async () => {
    let native = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      native = false;
    }
    if (native) return expect(native).toBe(true);
    await expect(tfjsRuntime.create(createTestContext(tfjsRuntime, { backend: 'tfjs-node' }))).rejects.toThrow(
      'tfjs backend "tfjs-node" could not start (is @tensorflow/tfjs-node installed? it is not a dependency of mlops); use backend "auto", "wasm" or "cpu"',
    );
  });
});
