import * as Y from 'yjs';
import { decodeLiveEventValue, eventFields } from '../features/activity/activity-records';
import { readTombstone, ROOT_OF_KIND, tombstonedIds } from '../features/activity/event-tombstones';
import { currentProductId } from '../features/products/product-commands';
import {
	customerMergedInto,
	entitiesOf,
	isDeleted,
	resolveCustomerId,
	type RecordMap,
	type WorkspaceDoc
} from '../crdt/workspace-doc';
import {
	DIRECTIONS,
	INTERACTION_KINDS,
	PAYMENT_METHODS,
	PURCHASE_CHANNELS
} from '../features/activity/rules/activity-fields';
import { productNameKey } from '../features/products/rules/product-catalogue';
import { shareOutCents } from '../domain/money';
import { Dictionary, InteractionTable, LineTable, PurchaseTable } from './columns';

/**
 * The archive's purchases and interactions as columns of numbers, for analysis: grouping and
 * model fitting pass over typed arrays instead of parsing 100,000 JSON texts each time, and the
 * columns cross to an analytics worker as buffers. Amounts are integer cents; `month` is the
 * local calendar month (`year × 12 + month`, January = 0) of the device that built it. Rows of
 * events deleted or changed since are marked not `live` (see SnapshotKeeper).
 */
export interface AnalyticsColumns {
	/** Customer ids by number: events count for the end of their customer's merge chain. */
	customers: string[];
	/**
	 * 1 for a customer in the archive, 0 for one deleted (their events stay in the doc for a
	 * restore, but no figure counts them) or with no record at all.
	 */
	customerLive: Uint8Array;
	/** Products by number: a catalogue product's id, else `name:` and the normalised name. */
	products: string[];
	/** Each product's name as first sold. */
	productNames: string[];
	purchases: {
		count: number;
		live: Uint8Array;
		customer: Uint32Array;
		at: Float64Array;
		month: Int32Array;
		/** After the purchase's discount. */
		totalCents: Float64Array;
		/** Index into PAYMENT_METHODS / PURCHASE_CHANNELS. */
		payment: Uint8Array;
		channel: Uint8Array;
	};
	/** One row per purchase line: its purchase's row, product, quantity and amount. */
	lines: {
		count: number;
		purchase: Uint32Array;
		product: Uint32Array;
		quantity: Float64Array;
		/** Before the purchase's discount. */
		amountCents: Float64Array;
		/**
		 * After its share of the purchase's discount (in proportion to the lines' amounts, in
		 * whole cents): a purchase's lines add up to its `totalCents`.
		 */
		netCents: Float64Array;
	};
	/** Null unless asked for (`columns({ interactions: true })`): the dashboard needs none. */
	interactions: {
		count: number;
		live: Uint8Array;
		customer: Uint32Array;
		at: Float64Array;
		month: Int32Array;
		/** Index into INTERACTION_KINDS / DIRECTIONS. */
		kind: Uint8Array;
		direction: Uint8Array;
	} | null;
}

/**
 * Moments an analysis can place on a calendar: 1970 to 2200. A value far outside (microseconds
 * taken for milliseconds, a stranger's number) would stretch every chart over millennia; such
 * events are left out of the columns, as unreadable records are.
 */
const LATEST_MOMENT = Date.UTC(2200, 0, 1);
export const isPlausibleMoment = (at: number) => at >= 0 && at < LATEST_MOMENT;

export function localMonth(at: number): number {
	const date = new Date(at);
	return date.getFullYear() * 12 + date.getMonth();
}

/**
 * `localMonth` for many moments: the months' first instants in local time are worked out once
 * and each moment is placed among them, instead of a Date per event (a tenth of a build).
 */
class MonthFinder {
	#first = 0;
	/** Where each local month from `#first` on begins, in ms. */
	#starts: number[] = [];

	monthOf(at: number): number {
		const starts = this.#starts;
		if (starts.length === 0 || at < starts[0]! || at >= starts[starts.length - 1]!) {
			return this.#extend(at);
		}
		let low = 0;
		let high = starts.length - 1;
		while (high - low > 1) {
			const middle = (low + high) >> 1;
			if (at >= starts[middle]!) low = middle;
			else high = middle;
		}
		return this.#first + low;
	}

	/** Covers the months from the earliest to the latest moment seen, and one past. */
	#extend(at: number): number {
		const month = localMonth(at);
		if (!Number.isFinite(month)) return month;
		const from = this.#starts.length === 0 ? month : Math.min(this.#first, month);
		const to = Math.max(this.#first + this.#starts.length - 1, month + 1);
		this.#first = from;
		this.#starts = [];
		for (let m = from; m <= to; m++) {
			this.#starts.push(new Date(Math.floor(m / 12), m % 12, 1).getTime());
		}
		return month;
	}
}

/**
 * Builds the columns from the doc and keeps them up to date event by event (`update`): a
 * changed event's old row is marked dead and its new version appended, so a chart that asks
 * again after one sale costs one row, not a rebuild.
 */
export class AnalyticsSnapshot {
	readonly #customers = new Dictionary();
	readonly #products = new Dictionary();
	readonly #productNames: string[] = [];
	/** Each row's event id; the rows of an id are looked up only once an update asks. */
	readonly #purchaseIds: string[] = [];
	readonly #interactionIds: string[] = [];
	#purchaseRow: Map<string, number> | null = null;
	#interactionRow: Map<string, number> | null = null;
	#purchaseCount = 0;
	#lineCount = 0;
	#interactionCount = 0;
	#withInteractions = false;
	readonly #p = new PurchaseTable();
	readonly #l = new LineTable();
	readonly #i = new InteractionTable();
	#owner: (customerId: string) => string = (id) => id;
	readonly #liveCustomers = new Set<string>();
	readonly #months = new MonthFinder();
	/** The product key of each line name and catalogue id seen, worked out once per build. */
	readonly #keysByName = new Map<string, string>();
	readonly #keysById = new Map<string, string>();

	/** Purchases still to read, when the build goes in slices (`readSome`). */
	#unread: { entries: Iterator<[string, unknown]>; tombstoned: Set<string> } | null;

	/**
	 * Reads every purchase now, or, `inSlices`, as `readSome` is called: anything that uses the
	 * columns first reads what is left, so they are never seen half built. Changes to the doc
	 * meanwhile reach the columns as they always do, through `update` (see keeper.ts).
	 */
	constructor(
		private readonly ws: WorkspaceDoc,
		options: { inSlices?: boolean } = {}
	) {
		this.#noteCustomers();
		// Room for all the purchases at once: growing the columns as rows come copied them.
		this.#p.ensure(ws.purchases.size);
		this.#l.ensure(ws.purchases.size * 2);
		this.#unread = {
			entries: ws.purchases.entries(),
			tombstoned: tombstonedIds(ws).purchases
		};
		if (!options.inSlices) this.readSome(Infinity);
	}

	/** Reads purchases until `deadline` (a `performance.now()` moment); true once all are read. */
	readSome(deadline: number): boolean {
		const unread = this.#unread;
		if (!unread) return true;
		let read = 0;
		for (;;) {
			// The clock is looked at every 256 purchases: reading one takes microseconds.
			if ((++read & 255) === 0 && performance.now() >= deadline) return false;
			const next = unread.entries.next();
			if (next.done) break;
			const [id, stored] = next.value;
			if (!unread.tombstoned.has(id)) this.#addPurchase(id, stored);
		}
		this.#unread = null;
		return true;
	}

	/**
	 * Interactions are read the first time someone asks for them: they are a third of the
	 * events, and the dashboard opens without them.
	 */
	#readInteractions(): void {
		if (this.#withInteractions) return;
		this.#withInteractions = true;
		this.#i.ensure(this.ws.interactions.size);
		const tombstoned = tombstonedIds(this.ws);
		for (const [id, stored] of this.ws.interactions.entries()) {
			if (!tombstoned.interactions.has(id)) this.#addInteraction(id, stored);
		}
	}

	/**
	 * Looks again at whether a customer is in the archive, after their record was added or
	 * removed whole (a merge or a deletion rebuilds the columns instead: see keeper.ts).
	 */
	noteCustomer(id: string): void {
		const record = this.ws.customers.get(id);
		const live =
			record instanceof Y.Map &&
			customerMergedInto(this.ws, id) === undefined &&
			!isDeleted(record as RecordMap);
		if (live) this.#liveCustomers.add(id);
		else this.#liveCustomers.delete(id);
	}

	/** Takes in events that changed (added, edited, deleted or restored) since. */
	update(changed: { purchases: Iterable<string>; interactions: Iterable<string> }): void {
		this.readSome(Infinity);
		const deleted = (id: string, root: 'purchases' | 'interactions') => {
			const tombstone = readTombstone(this.ws.eventTombstones.get(id));
			return tombstone !== null && ROOT_OF_KIND[tombstone.kind] === root;
		};
		const purchaseRow = (this.#purchaseRow ??= rowsById(this.#purchaseIds, this.#p.live));
		const interactionRow = (this.#interactionRow ??= rowsById(this.#interactionIds, this.#i.live));
		for (const id of changed.purchases) {
			const row = purchaseRow.get(id);
			if (row !== undefined) this.#p.live[row] = 0;
			purchaseRow.delete(id);
			if (!deleted(id, 'purchases')) this.#addPurchase(id, this.ws.purchases.get(id));
		}
		// Interactions not read yet are read whole when first asked for.
		for (const id of this.#withInteractions ? changed.interactions : []) {
			const row = interactionRow.get(id);
			if (row !== undefined) this.#i.live[row] = 0;
			interactionRow.delete(id);
			if (!deleted(id, 'interactions')) this.#addInteraction(id, this.ws.interactions.get(id));
		}
	}

	/**
	 * A copy of the columns as they are, to hand to a reader (its buffers can be transferred);
	 * interactions only when asked for.
	 */
	columns(parts: { interactions: boolean } = { interactions: true }): AnalyticsColumns {
		this.readSome(Infinity);
		if (parts.interactions) this.#readInteractions();
		const p = this.#purchaseCount;
		const l = this.#lineCount;
		const i = this.#interactionCount;
		const customers = [...this.#customers.values];
		return {
			customers,
			customerLive: this.#customerLive(customers),
			products: [...this.#products.values],
			productNames: [...this.#productNames],
			purchases: this.#p.copy(p),
			lines: this.#l.copy(l),
			interactions: parts.interactions ? this.#i.copy(i) : null
		};
	}

	#customerLive(customers: readonly string[]): Uint8Array {
		const live = new Uint8Array(customers.length);
		for (let i = 0; i < customers.length; i++) {
			if (this.#liveCustomers.has(customers[i]!)) live[i] = 1;
		}
		return live;
	}

	#productKey(name: string, productId: string | undefined): string {
		const known = productId === undefined ? this.#keysByName : this.#keysById;
		const raw = productId ?? name;
		let key = known.get(raw);
		if (key === undefined) {
			key = productId ? currentProductId(this.ws, productId) : `name:${productNameKey(name)}`;
			known.set(raw, key);
		}
		return key;
	}

	/**
	 * Who stands for whom after merges, and who is in the archive (not deleted). Deleting,
	 * restoring or merging a customer makes the keeper build the columns again (keeper.ts).
	 */
	#noteCustomers(): void {
		const mergedInto = new Map<string, string>();
		for (const [id, record] of entitiesOf(this.ws.customers)) {
			const into = customerMergedInto(this.ws, id);
			if (into !== undefined) mergedInto.set(id, into);
			else if (!isDeleted(record)) this.#liveCustomers.add(id);
		}
		this.#owner = (id) =>
			mergedInto.size === 0 ? id : resolveCustomerId(id, (current) => mergedInto.get(current));
	}

	/** One purchase's row and lines, read as `readPurchase` reads it, without building it. */
	#addPurchase(id: string, stored: unknown): void {
		const value = decodeLiveEventValue(stored);
		if (!value) return;
		const { number, text, oneOf, isObject } = eventFields;
		const at = number(value.at);
		if (!isPlausibleMoment(at)) return;
		const row = this.#purchaseCount++;
		this.#purchaseIds[row] = id;
		this.#purchaseRow?.set(id, row);
		const p = this.#p;
		p.ensure(row + 1);
		p.live[row] = 1;
		p.customer[row] = this.#customers.indexOf(this.#owner(value.customerId));
		p.at[row] = at;
		p.month[row] = this.#months.monthOf(at);
		p.payment[row] = PAYMENT_METHODS.indexOf(oneOf(value.payment, PAYMENT_METHODS, 'other'));
		p.channel[row] = PURCHASE_CHANNELS.indexOf(oneOf(value.channel, PURCHASE_CHANNELS, 'other'));
		let subtotal = 0;
		const firstLine = this.#lineCount;
		if (Array.isArray(value.lines)) {
			for (const line of value.lines) {
				if (!isObject(line)) continue;
				const quantity = number(line.quantity);
				const amount = quantity * number(line.unitPriceCents);
				subtotal += amount;
				const name = text(line.product);
				const productId = typeof line.productId === 'string' ? line.productId : undefined;
				const product = this.#products.indexOf(this.#productKey(name, productId));
				if (product === this.#productNames.length) this.#productNames.push(name);
				const lineRow = this.#lineCount++;
				const l = this.#l;
				l.ensure(lineRow + 1);
				l.purchase[lineRow] = row;
				l.product[lineRow] = product;
				l.quantity[lineRow] = quantity;
				l.amountCents[lineRow] = amount;
			}
		}
		const discount = number(value.discountCents);
		p.totalCents[row] = subtotal - discount;
		this.#shareOutDiscount(firstLine, discount);
	}

	/** Each line's amount after its share of the discount (see `lines.netCents`). */
	#shareOutDiscount(firstLine: number, discount: number): void {
		const l = this.#l;
		if (discount === 0) {
			for (let line = firstLine; line < this.#lineCount; line++)
				l.netCents[line] = l.amountCents[line]!;
			return;
		}
		const amounts = Array.from(l.amountCents.subarray(firstLine, this.#lineCount));
		const shares = shareOutCents(discount, amounts);
		for (const [k, share] of shares.entries()) l.netCents[firstLine + k] = amounts[k]! - share;
	}

	#addInteraction(id: string, stored: unknown): void {
		const value = decodeLiveEventValue(stored);
		if (!value) return;
		const { number, oneOf } = eventFields;
		const at = number(value.at);
		if (!isPlausibleMoment(at)) return;
		const row = this.#interactionCount++;
		this.#interactionIds[row] = id;
		this.#interactionRow?.set(id, row);
		const i = this.#i;
		i.ensure(row + 1);
		i.live[row] = 1;
		i.customer[row] = this.#customers.indexOf(this.#owner(value.customerId));
		i.at[row] = at;
		i.month[row] = this.#months.monthOf(at);
		i.kind[row] = INTERACTION_KINDS.indexOf(oneOf(value.kind, INTERACTION_KINDS, 'note'));
		i.direction[row] = DIRECTIONS.indexOf(oneOf(value.direction, DIRECTIONS, 'out'));
	}
}

/** The live row of each event id (a changed event's older rows are dead). */
function rowsById(ids: string[], live: Uint8Array): Map<string, number> {
	const rows = new Map<string, number>();
	for (const [row, id] of ids.entries()) if (live[row] === 1) rows.set(id, row);
	return rows;
}
