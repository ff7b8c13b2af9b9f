/**
 * The indexes of the projection's `customers` table: the primary key, the name order the list
 * opens with (its first screenful is read by it) and the most recent buyers (sale suggestions).
 * Search, sort and filters run over rows in memory, so every other index only slowed each
 * write: a rebuild or an import writes 10,000 rows, each entry of each index a write of its own.
 * The benchmark's raw bulkPut uses the same indexes, so its ratio compares like with like.
 */
export const CUSTOMER_INDEXES = 'id, sortName, lastPurchaseAt';
