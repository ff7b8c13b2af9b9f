import * as v from 'valibot';
import { args, command } from '../../core/command';
import {
	id,
	interactionFields,
	newCatalogueProducts,
	purchaseFields,
	taskFields,
	text
} from '../../core/arg-shapes';
import {
	purchaseRefusal,
	addPurchase,
	addTask,
	completeTask,
	deleteInteraction,
	deletePurchase,
	editInteraction,
	editPurchase,
	logInteraction,
	reopenTask,
	restoreInteraction,
	restorePurchase,
	snoozeTask
} from './activity-commands';
import { inOneStep, type CommandContext } from '../../core/command-context';
import { liveEventValue } from './event-tombstones';
import { loadPurchaseEffects } from './purchase-effects';
import { createProduct } from '../products/product-commands';
import { validatePurchase, type PurchaseFields } from './rules/activity';
import { productNameKey, type NewCatalogueProduct } from '../products/rules/product-catalogue';

/** Loads loyalty's and coupons' part of the purchase commands first (see purchase-effects). */
const withEffects =
	<F>(run: F) =>
	async (): Promise<F> => {
		await loadPurchaseEffects();
		return run;
	};

/** Purchases, conversations and follow-up tasks. */
export const activityCommands = {
	addPurchase: command({
		args: args(purchaseFields),
		undo: 'step',
		load: withEffects(addPurchase)
	}),
	/**
	 * Records a purchase, first adding the products the user asked to put in the catalogue
	 * (keyed by line index); all in one undo step.
	 */
	addPurchaseWithNewProducts: command({
		args: args(purchaseFields, newCatalogueProducts),
		undo: 'step',
		load: withEffects(
			(ctx: CommandContext, fields: PurchaseFields, newProducts: NewCatalogueProduct[]) =>
				inOneStep(ctx, () =>
					// A refused purchase writes nothing, so it must not add the products it asked for.
					purchaseRefusal(ctx, fields)
						? addPurchase(ctx, fields)
						: addPurchase(ctx, withNewProducts(ctx, fields, newProducts))
				)
		)
	}),
	/** Changes a purchase, first adding the products asked for (as when recording one). */
	editPurchase: command({
		args: args(id, purchaseFields, v.optional(newCatalogueProducts)),
		undo: 'step',
		load: withEffects(
			(
				ctx: CommandContext,
				purchaseId: string,
				fields: PurchaseFields,
				newProducts: NewCatalogueProduct[] = []
			) =>
				inOneStep(ctx, () => {
					// A refused edit writes nothing, so it must not add the products it asked for either.
					if (
						!validatePurchase(fields).ok ||
						liveEventValue(ctx.ws, 'purchases', purchaseId) === undefined
					)
						return editPurchase(ctx, purchaseId, fields);
					return editPurchase(ctx, purchaseId, withNewProducts(ctx, fields, newProducts));
				})
		)
	}),
	deletePurchase: command({
		args: args(id),
		undo: 'step',
		load: withEffects(deletePurchase)
	}),
	restorePurchase: command({ args: args(id), undo: 'step', load: withEffects(restorePurchase) }),
	logInteraction: command({ args: args(interactionFields), undo: 'step', run: logInteraction }),
	editInteraction: command({
		args: args(id, interactionFields),
		undo: 'step',
		run: editInteraction
	}),
	deleteInteraction: command({ args: args(id), undo: 'step', run: deleteInteraction }),
	restoreInteraction: command({ args: args(id), undo: 'step', run: restoreInteraction }),
	addTask: command({ args: args(taskFields), undo: 'step', run: addTask }),
	completeTask: command({ args: args(id), undo: 'step', run: completeTask }),
	reopenTask: command({ args: args(id), undo: 'step', run: reopenTask }),
	snoozeTask: command({ args: args(id, text), undo: 'step', run: snoozeTask })
};

/**
 * Adds the catalogue products asked for, each name once (two lines naming one new product add
 * it once), and returns the purchase with those lines naming them.
 */
function withNewProducts(
	ctx: CommandContext,
	fields: PurchaseFields,
	newProducts: NewCatalogueProduct[]
): PurchaseFields {
	if (newProducts.length === 0) return fields;
	const created = new Map<string, string>();
	const lines = fields.lines.map((line, i) => {
		const product = newProducts.find((candidate) => candidate.line === i);
		if (!product) return line;
		const key = productNameKey(product.fields.name);
		if (!created.has(key)) {
			const result = createProduct(ctx, product.fields);
			if (result.ok) created.set(key, result.value);
		}
		const productId = created.get(key);
		return productId ? { ...line, productId } : line;
	});
	return { ...fields, lines };
}
