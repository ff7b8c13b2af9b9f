import * as Y from 'yjs';
import type { CommandContext } from '../../src/lib/crdt/customer-commands';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import { emptyCustomerFields, type CustomerFields } from '../../src/lib/domain/customer';

export function customer(fields: Partial<CustomerFields>): CustomerFields {
	return { ...emptyCustomerFields(), ...fields };
}

export function memberContext(memberId = 'member-a', doc = new Y.Doc()): CommandContext {
	return { ws: workspaceDoc(doc), memberId, origin: { memberId } };
}

/** Small seeded PRNG (mulberry32) so random tests are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
