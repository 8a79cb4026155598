import 'reflect-metadata';

export * from './errors';
export * from './tokens/createToken';
export * from './tokens/tokens';
export * from './storage';
export * from './plugins/Lifecycle';
export * from './plugins/definePlugin';
export * from './util/logger';
