import { MemoryOnlineStore } from './MemoryOnlineStore';
import { onlineStoreConformance } from './onlineStoreConformance';

// Checks both: the in-memory store keeps the contract, and the suite passes a correct store.
onlineStoreConformance('MemoryOnlineStore', () => ({ store: new MemoryOnlineStore() }));
