// IndexedDB for Dexie and y-indexeddb in Node: a full in-memory implementation, not a mock.
import 'fake-indexeddb/auto';

// The purchase commands' loyalty and coupon part loads before the app's first purchase command
// runs (see purchase-effects.ts); tests call the commands directly, so it loads here.
import { loadPurchaseEffects } from '../../src/lib/features/activity/purchase-effects';
await loadPurchaseEffects();
