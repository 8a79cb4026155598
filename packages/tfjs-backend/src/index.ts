export { selectBackend, ensureBackend, wasmThreads, tfjsBackendNames, TfjsBackendError, tfjsBackendErrorCode, type TfjsBackend, type TfjsBackendRequest } from './selectBackend';
