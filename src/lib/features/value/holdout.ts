import type { InsightsIndex } from '../insights/insights-index';
import { conditionalExpectedPurchases } from './bg-nbd';
import { purchaseHistories } from './customer-value';
import { fitValueModel, modelRows, type ModelOutcome } from './value-model';

/** Repeat purchases before the split, grouped as the paper does: 0, 1, … 6, and 7 or more. */
export const HOLDOUT_GROUPS = 8;

export interface HoldoutGroup {
	/** Repeat purchase days before the split (the last group: this many or more). */
	repeatBefore: number;
	customers: number;
	/** Repeat purchase days between the split and the end, summed over the group's customers. */
	actual: number;
	/** What the model fitted up to the split expects for them, summed. */
	predicted: number;
}

/** The model checked against what happened: fitted up to `split`, compared up to `end`. */
export interface HoldoutCheck {
	split: string;
	end: string;
	/** Days after the split that were compared. */
	days: number;
	model: ModelOutcome;
	groups: HoldoutGroup[];
	total: { customers: number; actual: number; predicted: number };
}

/**
 * Fits BG/NBD on the purchases up to the split day (customers who had bought by then) and sets
 * its expected repeat purchase days in the days after it, to the end day, beside the actual
 * ones, grouped by how often each had bought again before the split (Fader, Hardie & Lee 2005,
 * figure 4).
 */
export function holdoutCheck(index: InsightsIndex, split: string, end: string): HoldoutCheck {
	const before = purchaseHistories(index, split, 12);
	const after = purchaseHistories(index, end, 12);
	const days = after.asOfDay - before.asOfDay;
	const model = fitValueModel(before, split, Date.now());
	const groups: HoldoutGroup[] = Array.from({ length: HOLDOUT_GROUPS }, (_, repeatBefore) => ({
		repeatBefore,
		customers: 0,
		actual: 0,
		predicted: 0
	}));
	const rows = modelRows(before);
	before.customers.forEach((customer, i) => {
		const x = before.repeatDays[customer]!;
		const group = groups[Math.min(x, HOLDOUT_GROUPS - 1)]!;
		group.customers++;
		group.actual += after.repeatDays[customer]! - x;
		if ('fitted' in model) {
			const { tx, T } = rows[i]!;
			group.predicted += conditionalExpectedPurchases(model.fitted.bgNbd, days / 7, x, tx, T);
		}
	});
	const total = groups.reduce(
		(sum, group) => ({
			customers: sum.customers + group.customers,
			actual: sum.actual + group.actual,
			predicted: sum.predicted + group.predicted
		}),
		{ customers: 0, actual: 0, predicted: 0 }
	);
	return { split, end, days, model, groups, total };
}
