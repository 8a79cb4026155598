export { onlineStoreConformance } from './onlineStoreConformance';
export type { OnlineStoreConformanceOptions, OnlineStoreFactory, OnlineStoreSubject } from './OnlineStoreSubject';
export { MemoryOnlineStore } from './MemoryOnlineStore';
