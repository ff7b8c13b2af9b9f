/**
 * The indexes of the projection's `customers` table: the primary key and the name order the
 * list opens with (its first screenful is read by it). Search, sort and filters run over rows in
 * memory, so every other index only slowed each write: a rebuild or an import writes 10,000
 * rows, each entry of each index a write of its own. The last one to go, `lastPurchaseAt` (for
 * sale suggestions, which now come from the worker's event index), took a rebuild at 10,000
 * customers from 2.0 to 2.6 s. The benchmark's raw bulkPut uses the same indexes, so its ratio
 * compares like with like.
 */
export const CUSTOMER_INDEXES = 'id, sortName';
