// IndexedDB for Dexie and y-indexeddb in Node: a full in-memory implementation, not a mock.
import 'fake-indexeddb/auto';
