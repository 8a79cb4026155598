export { createHookBus, type HookBus, type HookBusOptions, type HookHandler, type HookStats } from './HookBus';
export type * from './HookEvents';
