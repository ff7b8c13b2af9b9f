import type { CustomerValue } from './customer-value';
import type { RfmLines } from './rules/rfm';
import type { ModelOutcome } from './value-model';

/** One customer's value, with what it was measured against, for the profile. */
export interface CustomerValueAnswer {
	/** Null when the customer has not bought (up to the as-of day). */
	value: CustomerValue | null;
	lines: RfmLines;
	/** Customers who bought: the quintiles are of them. */
	customers: number;
	scoring: 'quintiles' | 'cuts';
	windowMonths: number;
	model: ModelOutcome;
}
