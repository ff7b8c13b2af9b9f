import { nextTask } from '$lib/shell-boot/next-task';
import {
	customerOccasions,
	festivalsBetween,
	sortOccasions,
	type Occasion,
	type OccasionCustomer
} from '../rules/occasions';

/** Time the page gives the work before letting a frame and the user's input through. */
const SLICE_MS = 8;

/**
 * `occasionsBetween` on the page without a long task: 20,000 customers' birthdays and
 * anniversaries take a while to convert, so the work yields to the page every few
 * milliseconds. `stale()` stops it when a newer question came meanwhile.
 */
export async function occasionsInSlices(
	customers: readonly OccasionCustomer[],
	from: string,
	to: string,
	afterPurchaseDays: number,
	stale: () => boolean = () => false
): Promise<Occasion[] | null> {
	const all = festivalsBetween(from, to);
	let sliceEnd = performance.now() + SLICE_MS;
	for (const customer of customers) {
		if (performance.now() > sliceEnd) {
			await nextTask();
			if (stale()) return null;
			sliceEnd = performance.now() + SLICE_MS;
		}
		all.push(...customerOccasions(customer, from, to, afterPurchaseDays));
	}
	return sortOccasions(all);
}
