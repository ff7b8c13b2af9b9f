import { liveQuery } from 'dexie';
import type { ProjectionDb } from '../../../projection/db';
import { type ConsentPurpose, type ConsentRow } from '../rules/consent';
import { latestByCustomer } from '../rules/consent-reach';

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
