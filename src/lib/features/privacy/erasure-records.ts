import type { RecordKind } from '../../core/record-kind';
import { isMoment, plainFields, textField } from '../../core/stored-values';

/**
 * Erasures (issue: privacy). One record per erased customer, under their id: when, by whom, and
 * the ids of their records that other records hang from (deals, feedback), so what hangs from
 * them is refused too if it comes back. No personal data: ids and a time.
 */
export const ERASURES_ROOT = 'erasures';

export interface ErasureRow {
	/** The erased customer's id. */
	id: string;
	at: number;
	by: string;
	/** By root: ids of the customer's records that records of other kinds belong to. */
	parents: Record<string, string[]>;
}

export function readErasure(id: string, stored: unknown): ErasureRow | null {
	const fields = plainFields(stored);
	if (!fields || !isMoment(fields['at'])) return null;
	const parents: Record<string, string[]> = {};
	const given = fields['parents'];
	if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
		for (const [root, ids] of Object.entries(given as Record<string, unknown>)) {
			if (Array.isArray(ids)) parents[root] = ids.filter((x): x is string => typeof x === 'string');
		}
	}
	return { id, at: fields['at'], by: textField(fields, 'by', 80), parents };
}

export const erasureKind: RecordKind<ErasureRow> = {
	root: ERASURES_ROOT,
	storage: 'value',
	read: readErasure,
	// Ids and a time, nobody's personal data: kept so the erased data is refused if it returns.
	personal: { about: 'shop' }
};
