export * from './codes';
export * from './MlopsError';
export * from './errors';
export { messages } from './messages';
