import { liveQuery } from 'dexie';
import type { ProjectionDb } from '../../../projection/db';
import { latestByCustomer, type ConsentPurpose, type ConsentRow } from '../rules/consent';

/** Every customer's latest consent per purpose, following the projection (for marketing lists). */
class ConsentLookup {
	byCustomer = $state.raw<ReadonlyMap<string, Partial<Record<ConsentPurpose, ConsentRow>>>>(
		new Map()
	);
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.consents.toArray()).subscribe((rows) => {
			this.byCustomer = latestByCustomer(rows);
		});
	}
}

export const consentLookup = new ConsentLookup();
