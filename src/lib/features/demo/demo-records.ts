import { decodeEventValue, type EventValue } from '../activity/event-values';
import { latestFieldEdits } from '../customers/field-edit-entries';
import { DEMO_MARK } from '../../crdt/stamps';
import {
	isDeleted,
	num,
	str,
	type RecordMap,
	type WorkspaceDoc,
	entityOf,
	entityMaps,
	entitiesOf
} from '../../crdt/workspace-doc';
import type { DemoShopStatus } from './demo-size';

/**
 * Finding what "Load demo shop" wrote (removing it: demo-removal-commands.ts). Every record it
 * creates carries the demo mark (`demo: true`, see `stamps.ts`); this module never loads the
 * generator (faker).
 */

function isDemo(map: RecordMap): boolean {
	return map.get(DEMO_MARK) === true;
}

export function demoShopStatus(ws: WorkspaceDoc): DemoShopStatus {
	const status: DemoShopStatus = { customers: 0, demoCustomers: 0, demoProducts: 0 };
	for (const map of entityMaps(ws.customers)) {
		if (isDeleted(map)) continue;
		status.customers++;
		if (isDemo(map)) status.demoCustomers++;
	}
	for (const map of entityMaps(ws.products)) if (isDemo(map)) status.demoProducts++;
	return status;
}

/** A demo customer the shop has worked with: they are removed too, but named first. */
export interface ChangedDemoCustomer {
	id: string;
	name: string;
	/** Their own fields were edited after the demo made them. */
	edited: boolean;
	/** Purchases, conversations and follow-ups someone recorded (or changed) by hand. */
	purchases: number;
	interactions: number;
	tasks: number;
}

/** What "Remove the demo data" would remove, said before it does. */
export interface DemoRemovalPlan {
	customers: number;
	purchases: number;
	interactions: number;
	tasks: number;
	products: number;
	/** Demo customers edited or given records by hand, by name. */
	changed: ChangedDemoCustomer[];
	/** Demo products sold to the shop's own customers: they stay, as the shop's own. */
	keptProducts: string[];
}

type EventRoot = 'purchases' | 'interactions';

/** Everything the removal touches, found in one pass so the plan and the removal agree. */
export interface DemoRecords {
	customers: string[];
	events: Record<EventRoot, string[]>;
	tasks: string[];
	products: string[];
	keptProducts: string[];
	plan: DemoRemovalPlan;
}

/** A stored event that is not deleted and was made or changed by hand rather than by the demo. */
function byHand(value: EventValue): boolean {
	return (
		typeof value.deletedAt !== 'number' &&
		(value[DEMO_MARK] !== true || typeof value.updatedAt === 'number')
	);
}

export function findDemoRecords(ws: WorkspaceDoc): DemoRecords {
	// Live demo customers go, with everything attached to them. Demo customers deleted earlier
	// (by hand) lose only the demo's own records: what the shop added to them stays with them.
	// A merged one's records have moved to the customer it was merged into, which stays.
	const live = new Map<string, ChangedDemoCustomer>();
	const deleted = new Set<string>();
	// Since v9 an edit leaves the customer's own stamp alone and is known by its history entry.
	const fieldsEdited = latestFieldEdits(ws.changes.values());
	for (const [id, map] of entitiesOf(ws.customers)) {
		if (!isDemo(map)) continue;
		if (!isDeleted(map)) {
			live.set(id, {
				id,
				name: str(map, 'name'),
				edited: num(map, 'updatedAt') > num(map, 'createdAt') || fieldsEdited.has(id),
				purchases: 0,
				interactions: 0,
				tasks: 0
			});
		} else if (!map.has('mergedInto')) deleted.add(id);
	}

	const events: Record<EventRoot, string[]> = { purchases: [], interactions: [] };
	const shown: Record<EventRoot, number> = { purchases: 0, interactions: 0 };
	const soldProducts = new Set<string>();
	for (const root of ['purchases', 'interactions'] as const) {
		for (const [id, stored] of ws[root].entries()) {
			const value = decodeEventValue(stored);
			const customerId = value?.customerId;
			if (!value || typeof customerId !== 'string') continue;
			const owner = live.get(customerId);
			const removed = owner !== undefined || (deleted.has(customerId) && value[DEMO_MARK] === true);
			if (removed) {
				events[root].push(id);
				if (typeof value.deletedAt !== 'number') shown[root]++;
				if (owner && byHand(value)) owner[root]++;
			} else if (root === 'purchases' && typeof value.deletedAt !== 'number') {
				for (const line of Array.isArray(value.lines) ? (value.lines as unknown[]) : []) {
					const productId = (line as { productId?: unknown } | null)?.productId;
					if (typeof productId === 'string') soldProducts.add(productId);
				}
			}
		}
	}

	const tasks: string[] = [];
	for (const [id, map] of entitiesOf(ws.tasks)) {
		const customerId = str(map, 'customerId');
		const owner = live.get(customerId);
		if (owner || (deleted.has(customerId) && isDemo(map))) {
			tasks.push(id);
			// Ticking off or moving a demo follow-up is trying the app, not the shop's own record.
			if (owner && !isDemo(map)) owner.tasks++;
		}
	}

	// A demo product stays when a purchase that stays names it, or a product that stays was merged
	// into it: removing it would cut the shop's own sales off from it.
	const demoProducts = [...entitiesOf(ws.products)].filter(([, map]) => isDemo(map));
	const staying = new Set(soldProducts);
	for (const [id, map] of entitiesOf(ws.products)) if (!isDemo(map)) staying.add(id);
	const kept = new Set<string>();
	for (let grew = true; grew;) {
		grew = false;
		for (const [id, map] of entitiesOf(ws.products)) {
			const into = map.get('mergedInto');
			if (!staying.has(id) || typeof into !== 'string' || staying.has(into)) continue;
			staying.add(into);
			grew = true;
		}
	}
	for (const [id] of demoProducts) if (staying.has(id)) kept.add(id);
	const products = demoProducts.filter(([id]) => !kept.has(id)).map(([id]) => id);

	const changed = [...live.values()]
		.filter((c) => c.edited || c.purchases + c.interactions + c.tasks > 0)
		.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
	return {
		customers: [...live.keys()],
		events,
		tasks,
		products,
		keptProducts: [...kept],
		plan: {
			customers: live.size,
			purchases: shown.purchases,
			interactions: shown.interactions,
			tasks: tasks.filter((id) => live.has(str(entityOf(ws.tasks, id)!, 'customerId'))).length,
			products: products.length,
			changed,
			keptProducts: [...kept].map((id) => str(entityOf(ws.products, id)!, 'name'))
		}
	};
}

export function demoRemovalPlan(ws: WorkspaceDoc): DemoRemovalPlan {
	return findDemoRecords(ws).plan;
}
