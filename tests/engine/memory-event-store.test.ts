import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { eventStoreContract } from './event-store.contract';
import { testRegistry } from './test-registry';

eventStoreContract('MemoryEventStore', async () => new MemoryEventStore(testRegistry()));
