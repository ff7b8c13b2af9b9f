import { deleteCustomer } from '../customers/customer-commands';
import { inOneStep, type CommandContext } from '../../core/command-context';
import { tombstoneCustomerId } from '../activity/event-tombstones';
import { DEMO_MARK, REMOVED_WITH_DEMO } from '../../crdt/stamps';
import { entityOf } from '../../crdt/workspace-doc';
import { findDemoRecords, type DemoRemovalPlan } from './demo-records';

export type DemoRemovalResult =
	{ ok: true; value: DemoRemovalPlan } | { ok: false; reason: 'nothingToRemove' };

/**
 * Removes the demo's records in one transaction (one undo step). Its customers are deleted the
 * way any customer is (`deletedAt`), so a colleague's concurrent edit of one cannot bring it
 * back; their purchases, conversations and follow-ups and the demo's products are taken out of
 * the doc. Demo products the shop sold to its own customers stay, without the demo mark.
 * Customers the demo did not make are never touched.
 */
export function removeDemoShop(ctx: CommandContext): DemoRemovalResult {
	const found = findDemoRecords(ctx.ws);
	const { plan } = found;
	const nothing =
		found.customers.length +
			found.events.purchases.length +
			found.events.interactions.length +
			found.tasks.length +
			found.products.length +
			found.keptProducts.length ===
		0;
	if (nothing) return { ok: false, reason: 'nothingToRemove' };
	inOneStep(ctx, () => {
		for (const id of found.customers) {
			deleteCustomer(ctx, id);
			// Told apart from a demo customer deleted by hand, which "Recently deleted" lists.
			entityOf(ctx.ws.customers, id)?.set(REMOVED_WITH_DEMO, true);
		}
		// Events of these customers deleted earlier go too: nothing could show them any more.
		const removedCustomers = new Set(found.customers);
		const tombstones = [...ctx.ws.eventTombstones.entries()].filter(([, value]) => {
			const customerId = tombstoneCustomerId(value);
			return customerId !== null && removedCustomers.has(customerId);
		});
		for (const [id] of tombstones) ctx.ws.eventTombstones.delete(id);
		for (const id of found.events.purchases) ctx.ws.purchases.delete(id);
		for (const id of found.events.interactions) ctx.ws.interactions.delete(id);
		for (const id of found.tasks) ctx.ws.tasks.delete(id);
		for (const id of found.products) ctx.ws.products.delete(id);
		for (const id of found.keptProducts) entityOf(ctx.ws.products, id)?.delete(DEMO_MARK);
	});
	return { ok: true, value: plan };
}
