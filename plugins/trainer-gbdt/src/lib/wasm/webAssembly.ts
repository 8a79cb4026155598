/**
 * The part of the WebAssembly JS API the kernel uses. Our tsconfig's `lib` (ES2022, no DOM) does
 * not declare `WebAssembly`, and Node run with `--jitless` has none at all.
 */
export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmMemory {
  /** A SharedArrayBuffer for a shared memory. */
  readonly buffer: ArrayBuffer;
}
export interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

/** The global `WebAssembly`, or undefined where it does not exist. */
export function webAssembly(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}
