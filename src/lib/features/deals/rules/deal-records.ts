/**
 * What a stored deal is: its shape, limits and the reader of its lines. Kept apart from the
 * rules so the workspace's first load (which reads every kind of record) carries only these.
 */
import type { PurchaseLine } from '../../activity/rules/activity-fields';
import type { CustomerSource } from '../../customers/rules/customer';

export interface DealFields {
	title: string;
	customerId: string;
	/** Integer cents: the lines' total when there are lines. */
	valueCents: number;
	/** What is being sold, as a purchase's lines; may be empty (a value only). */
	lines: PurchaseLine[];
	pipelineId: string;
	stageId: string;
	/** The deal's own probability (0–100), or null to follow its stage's. */
	probability: number | null;
	/** YYYY-MM-DD, or '' when not known. */
	closeDate: string;
	/** A team member's id, or ''. */
	ownerId: string;
	/** Where the deal came from, as customers' sources are named; '' when not known. */
	source: CustomerSource | '';
	nextStep: string;
	/** YYYY-MM-DD, or '': with a next step, a follow-up task on that day. */
	nextStepDate: string;
	notes: string;
}

export interface DealRow extends DealFields {
	id: string;
	/** When the deal entered its current stage. */
	stageEnteredAt: number;
	/** Why it was lost, when its stage is a lost one. */
	lostReason: string;
	/** The purchase recorded when it was last won ('' when none was). */
	purchaseId: string;
	createdAt: number;
	updatedAt: number;
}

/** A stage change of a deal: who moved it, when, from where to where. */
export interface DealMoveRow {
	id: string;
	dealId: string;
	/** The stage it left ('' for a new deal's first stage). */
	from: string;
	to: string;
	at: number;
	by: string;
	/** Why, for a deal lost. */
	reason: string;
}

export const MAX_DEAL_TITLE = 120;
export const MAX_DEAL_TEXT = 2000;
/** A deal's value, and a line's price, at most what a purchase may hold (it may become one). */
export const MAX_DEAL_CENTS = 1e11;
export const MAX_REASON = 120;
export const MAX_DEAL_LINES = 50;

/** A line a deal (and the purchase it may become) can hold. */
export function isLine(line: PurchaseLine): boolean {
	return (
		line.product.trim() !== '' &&
		line.product.length <= MAX_DEAL_TITLE &&
		Number.isInteger(line.quantity) &&
		line.quantity >= 1 &&
		line.quantity <= 100_000 &&
		Number.isInteger(line.unitPriceCents) &&
		line.unitPriceCents >= 0 &&
		line.unitPriceCents <= MAX_DEAL_CENTS
	);
}

/** Reads stored lines, keeping the well-formed ones. */
export function readLines(value: unknown): PurchaseLine[] {
	if (typeof value !== 'string') return [];
	let list: unknown;
	try {
		list = JSON.parse(value);
	} catch {
		return [];
	}
	if (!Array.isArray(list)) return [];
	const lines: PurchaseLine[] = [];
	for (const item of list.slice(0, MAX_DEAL_LINES)) {
		if (typeof item !== 'object' || item === null) continue;
		const v = item as Record<string, unknown>;
		const line: PurchaseLine = {
			product: typeof v['product'] === 'string' ? v['product'] : '',
			quantity: typeof v['quantity'] === 'number' ? v['quantity'] : 0,
			unitPriceCents: typeof v['unitPriceCents'] === 'number' ? v['unitPriceCents'] : -1,
			...(typeof v['productId'] === 'string' ? { productId: v['productId'] } : {})
		};
		if (isLine(line)) lines.push(line);
	}
	return lines;
}
