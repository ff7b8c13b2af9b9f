/**
 * A customer's points as a ledger: entries are only ever added (earned, redeemed, adjusted by
 * hand, reversed), and the balance is worked out from them, never stored. Expiry is worked out
 * here too rather than written: which points are left to expire depends on every redemption
 * before the day, and a redemption made offline on another device may arrive late; written
 * expiries would then disagree between devices, worked-out ones cannot.
 */

export const ENTRY_KINDS = ['earn', 'redeem', 'adjust', 'reverse', 'bonus'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface PointsEntry {
	id: string;
	/** When it happened (for an earn or redeem: the purchase's moment), ms. */
	at: number;
	kind: EntryKind;
	/** Signed whole points: earned and refunded points are positive, spent ones negative. */
	points: number;
	/** The purchase that caused it, for earn, redeem and their reversals. */
	purchaseId?: string;
	/** For a reversal: the entry it takes back, and that entry's kind. */
	of?: string;
	ofKind?: EntryKind;
	/** Why, for a hand adjustment or a bonus. */
	reason?: string;
	/** Who recorded it (a member id). */
	by: string;
}

/** Whether an entry adds to (or takes from) the points a customer has earned in all. */
export function countsAsEarned(entry: Pick<PointsEntry, 'kind' | 'ofKind'>): boolean {
	const kind = entry.kind === 'reverse' ? entry.ofKind : entry.kind;
	return kind === 'earn' || kind === 'bonus' || kind === 'adjust';
}

/** The local midnight that ends the month `months` months after `at`'s: when its points expire. */
export function expiryOf(at: number, months: number): number {
	const date = new Date(at);
	return new Date(date.getFullYear(), date.getMonth() + months + 1, 1).getTime();
}

export interface ExpiryRow {
	/** The moment the points expired (or will): the end of their month. */
	at: number;
	points: number;
}

export interface PointsStanding {
	balance: number;
	/** Points earned in all: earned, bonuses and adjustments, net of their reversals. */
	lifetime: number;
	/** Points that expired unused, by the end of month they expired at. */
	expired: ExpiryRow[];
	/** Points that will expire within the look-ahead, soonest first. */
	expiringSoon: ExpiryRow[];
	/**
	 * Points spent that were not there to spend (two devices spent the same points offline, or a
	 * reversal took back points already spent): shown as a negative balance for a person to
	 * settle, never evened out here.
	 */
	overdrawn: number;
}

interface Lot {
	id: string;
	left: number;
	expiresAt: number;
}

export function byTime(a: PointsEntry, b: PointsEntry): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The entries that count: an entry and its reversal cancel out (the purchase's points never
 * were, whenever the reversal came: a reversal dated today must not spend today's points for
 * an earn that expired long ago); a reversal of an entry that is not there (undone since)
 * counts for nothing; and when `livePurchases` is given, entries caused by a purchase that is
 * not live now (deleted, or undone) count for nothing either.
 */
export function countedEntries<E extends PointsEntry>(
	entries: readonly E[],
	livePurchases?: ReadonlySet<string>
): E[] {
	const ids = new Set(entries.map((entry) => entry.id));
	const reversed = new Set<string>();
	for (const entry of entries) {
		if (entry.kind === 'reverse' && entry.of && ids.has(entry.of)) reversed.add(entry.of);
	}
	return entries.filter((entry) => {
		if (entry.kind === 'reverse') return false;
		if (reversed.has(entry.id)) return false;
		if (livePurchases && entry.purchaseId && !livePurchases.has(entry.purchaseId)) return false;
		return true;
	});
}

/**
 * Works the ledger through as of `asOf`: points earned form lots that expire at the end of the
 * month `expiryMonths` after (0 = never); spending takes from the oldest lot first; what was
 * spent beyond the lots is owed and paid first from the next points earned. Reversed entries
 * count for nothing (see `countedEntries`).
 */
export function pointsStanding(
	entries: readonly PointsEntry[],
	asOf: number,
	expiryMonths: number,
	lookAheadMs = 30 * 86_400_000,
	livePurchases?: ReadonlySet<string>
): PointsStanding {
	const sorted = countedEntries(entries, livePurchases).sort(byTime);
	const lots: Lot[] = [];
	const expired = new Map<number, number>();
	let owed = 0;
	let lifetime = 0;

	const expireUntil = (moment: number) => {
		for (const lot of lots) {
			if (lot.left > 0 && lot.expiresAt <= moment) {
				expired.set(lot.expiresAt, (expired.get(lot.expiresAt) ?? 0) + lot.left);
				lot.left = 0;
			}
		}
	};
	const take = (lot: Lot | undefined, wanted: number): number => {
		if (!lot || lot.left <= 0) return 0;
		const taken = Math.min(lot.left, wanted);
		lot.left -= taken;
		return taken;
	};

	for (const entry of sorted) {
		if (entry.at > asOf) break;
		expireUntil(entry.at);
		if (countsAsEarned(entry)) lifetime += entry.points;
		if (entry.points > 0) {
			const paid = Math.min(owed, entry.points);
			owed -= paid;
			const left = entry.points - paid;
			lots.push({
				id: entry.id,
				left,
				expiresAt: expiryMonths > 0 ? expiryOf(entry.at, expiryMonths) : Infinity
			});
		} else if (entry.points < 0) {
			let wanted = -entry.points;
			for (const lot of lots) {
				if (wanted === 0) break;
				wanted -= take(lot, wanted);
			}
			owed += wanted;
		}
	}
	expireUntil(asOf);

	const soon = new Map<number, number>();
	for (const lot of lots) {
		if (lot.left > 0 && lot.expiresAt !== Infinity && lot.expiresAt <= asOf + lookAheadMs) {
			soon.set(lot.expiresAt, (soon.get(lot.expiresAt) ?? 0) + lot.left);
		}
	}
	const rows = (map: Map<number, number>) =>
		[...map].map(([at, points]) => ({ at, points })).sort((a, b) => a.at - b.at);
	const left = lots.reduce((sum, lot) => sum + lot.left, 0);
	return {
		balance: left - owed,
		lifetime: Math.max(0, lifetime),
		expired: rows(expired),
		expiringSoon: rows(soon),
		overdrawn: owed
	};
}

/**
 * The entries a purchase caused, by generation: each time a purchase's points are recomputed
 * (an edit, a restore after a delete) the last generation is reversed and the next written,
 * under ids that follow from the purchase alone, so two devices doing the same make one entry.
 */
export interface PurchaseEntries<E extends PointsEntry = PointsEntry> {
	/** The newest generation's number, -1 when the purchase has no entries. */
	generation: number;
	/** The newest generation's entries not reversed yet. */
	active: E[];
	/** The newest generation's entries, reversed or not. */
	latest: E[];
}

export const earnEntryId = (purchaseId: string, generation: number) =>
	`${purchaseId}.earn.${generation}`;
export const redeemEntryId = (purchaseId: string, generation: number) =>
	`${purchaseId}.redeem.${generation}`;
export const reversalId = (entryId: string) => `${entryId}.reverse`;

const GENERATION = /\.(earn|redeem)\.(\d+)$/;

export function purchaseEntries<E extends PointsEntry>(
	entries: readonly E[],
	purchaseId: string
): PurchaseEntries<E> {
	const own = entries.filter((entry) => entry.purchaseId === purchaseId);
	const reversed = new Set(own.filter((e) => e.kind === 'reverse').map((e) => e.of));
	let generation = -1;
	for (const entry of own) {
		const match = entry.kind === 'reverse' ? null : GENERATION.exec(entry.id);
		if (match) generation = Math.max(generation, Number(match[2]));
	}
	const latest = own.filter(
		(entry) => entry.kind !== 'reverse' && GENERATION.exec(entry.id)?.[2] === String(generation)
	);
	return { generation, latest, active: latest.filter((entry) => !reversed.has(entry.id)) };
}
