import * as v from 'valibot';
import { args, jobCommand } from '../../core/command';
import { customerFields, customerPatch, id, purchaseFields, shape } from '../../core/arg-shapes';
import { addPurchase } from '../activity/activity-commands';
import { loadPurchaseEffects } from '../activity/purchase-effects';
import { createCustomers, updateCustomer } from '../customers/customer-commands';
import type { PurchaseFields } from '../activity/rules/activity';
import type { CustomerFields } from '../customers/rules/customer';
import type { CustomerImportPlan } from './import-plan';

type CustomerWrite = { create: CustomerFields } | { update: CustomerImportPlan['update'][number] };

/** Imports: long writes in chunks, with progress and Cancel, each one undo step. */
export const importCommands = {
	importCustomers: jobCommand({
		args: args(
			shape({
				create: v.array(customerFields),
				update: v.array(shape({ id, patch: customerPatch }))
			})
		),
		run: async (_ctx, { writeInSteps }, plan: Pick<CustomerImportPlan, 'create' | 'update'>) => {
			const writes: CustomerWrite[] = [
				...plan.create.map((create) => ({ create })),
				...plan.update.map((update) => ({ update }))
			];
			const counts = { created: 0, updated: 0, failed: 0 };
			const { cancelled } = await writeInSteps(writes, (chunkCtx, chunk) => {
				const ctx = { ...chunkCtx, imported: true };
				const creates = chunk.flatMap((write) => ('create' in write ? [write.create] : []));
				const result = createCustomers(ctx, creates);
				if (result.ok) counts.created += result.value.length;
				else {
					// Rules changed since the check (a field removed meanwhile): keep the good rows.
					const bad = result.failures.map((failure) => failure.index);
					const retry = createCustomers(
						ctx,
						creates.filter((_, index) => !bad.includes(index))
					);
					counts.created += retry.ok ? retry.value.length : 0;
					counts.failed += bad.length;
				}
				for (const write of chunk) {
					if (!('update' in write)) continue;
					if (updateCustomer(ctx, write.update.id, write.update.patch).ok) counts.updated++;
					else counts.failed++;
				}
			});
			return { cancelled, value: counts };
		},
		// After `run`, so its result type is known when `rows` is read.
		audit: { action: 'import', rows: (result) => result.created + result.updated }
	}),
	importPurchases: jobCommand({
		args: args(v.array(purchaseFields)),
		run: async (_ctx, { writeInSteps }, purchases: readonly PurchaseFields[]) => {
			await loadPurchaseEffects();
			const counts = { created: 0, failed: 0 };
			const { cancelled } = await writeInSteps(purchases, (ctx, chunk) => {
				for (const purchase of chunk) {
					if (addPurchase(ctx, purchase).ok) counts.created++;
					else counts.failed++;
				}
			});
			return { cancelled, value: counts };
		},
		// After `run`, so its result type is known when `rows` is read.
		audit: { action: 'import', rows: (result) => result.created }
	})
};
