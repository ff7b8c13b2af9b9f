import type { AnalyticsColumns } from './snapshot';

/**
 * The analytics tables as typed arrays that grow as rows are added. Each table is a class of
 * its own with one field per column, so every write in the build's loop goes to an array of
 * one known type (a shared "column of any typed array" made those writes a third of a build).
 */

const grown = <T extends { length: number; set(array: ArrayLike<number>): void }>(
	array: T,
	make: (length: number) => T,
	rows: number
): T => {
	if (rows <= array.length) return array;
	const bigger = make(Math.max(rows, array.length * 2));
	bigger.set(array as unknown as ArrayLike<number>);
	return bigger;
};

export class PurchaseTable {
	live = new Uint8Array(0);
	customer = new Uint32Array(0);
	at = new Float64Array(0);
	month = new Int32Array(0);
	totalCents = new Float64Array(0);
	payment = new Uint8Array(0);
	channel = new Uint8Array(0);

	/** Room for `rows` rows. */
	ensure(rows: number): void {
		if (rows <= this.live.length) return;
		this.live = grown(this.live, (n) => new Uint8Array(n), rows);
		this.customer = grown(this.customer, (n) => new Uint32Array(n), rows);
		this.at = grown(this.at, (n) => new Float64Array(n), rows);
		this.month = grown(this.month, (n) => new Int32Array(n), rows);
		this.totalCents = grown(this.totalCents, (n) => new Float64Array(n), rows);
		this.payment = grown(this.payment, (n) => new Uint8Array(n), rows);
		this.channel = grown(this.channel, (n) => new Uint8Array(n), rows);
	}

	copy(count: number) {
		return {
			count,
			live: this.live.slice(0, count),
			customer: this.customer.slice(0, count),
			at: this.at.slice(0, count),
			month: this.month.slice(0, count),
			totalCents: this.totalCents.slice(0, count),
			payment: this.payment.slice(0, count),
			channel: this.channel.slice(0, count)
		};
	}
}

export class LineTable {
	purchase = new Uint32Array(0);
	product = new Uint32Array(0);
	quantity = new Float64Array(0);
	amountCents = new Float64Array(0);
	netCents = new Float64Array(0);

	ensure(rows: number): void {
		if (rows <= this.purchase.length) return;
		this.netCents = grown(this.netCents, (n) => new Float64Array(n), rows);
		this.purchase = grown(this.purchase, (n) => new Uint32Array(n), rows);
		this.product = grown(this.product, (n) => new Uint32Array(n), rows);
		this.quantity = grown(this.quantity, (n) => new Float64Array(n), rows);
		this.amountCents = grown(this.amountCents, (n) => new Float64Array(n), rows);
	}

	copy(count: number) {
		return {
			count,
			purchase: this.purchase.slice(0, count),
			product: this.product.slice(0, count),
			quantity: this.quantity.slice(0, count),
			amountCents: this.amountCents.slice(0, count),
			netCents: this.netCents.slice(0, count)
		};
	}
}

export class InteractionTable {
	live = new Uint8Array(0);
	customer = new Uint32Array(0);
	at = new Float64Array(0);
	month = new Int32Array(0);
	kind = new Uint8Array(0);
	direction = new Uint8Array(0);

	ensure(rows: number): void {
		if (rows <= this.live.length) return;
		this.live = grown(this.live, (n) => new Uint8Array(n), rows);
		this.customer = grown(this.customer, (n) => new Uint32Array(n), rows);
		this.at = grown(this.at, (n) => new Float64Array(n), rows);
		this.month = grown(this.month, (n) => new Int32Array(n), rows);
		this.kind = grown(this.kind, (n) => new Uint8Array(n), rows);
		this.direction = grown(this.direction, (n) => new Uint8Array(n), rows);
	}

	copy(count: number) {
		return {
			count,
			live: this.live.slice(0, count),
			customer: this.customer.slice(0, count),
			at: this.at.slice(0, count),
			month: this.month.slice(0, count),
			kind: this.kind.slice(0, count),
			direction: this.direction.slice(0, count)
		};
	}
}

/** Strings numbered in the order first seen, so columns can hold a number instead. */
export class Dictionary {
	readonly values: string[] = [];
	readonly #index = new Map<string, number>();

	indexOf(value: string): number {
		let index = this.#index.get(value);
		if (index === undefined) {
			index = this.values.length;
			this.values.push(value);
			this.#index.set(value, index);
		}
		return index;
	}
}

/** Every buffer of the columns, to transfer them rather than copy. */
export function columnBuffers(columns: AnalyticsColumns): ArrayBuffer[] {
	const tables = [columns.purchases, columns.lines, columns.interactions ?? {}];
	return tables.flatMap((table) =>
		Object.values(table)
			.filter((value): value is Uint8Array => ArrayBuffer.isView(value))
			.map((array) => array.buffer as ArrayBuffer)
	);
}
