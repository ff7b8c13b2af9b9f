import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	readChange,
	readInteraction,
	readEventMoment,
	readPurchase,
	readPurchaseFigures
} from '../../src/lib/features/activity/activity-records';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	decodeEventValue,
	encodeEventValue,
	eventBelongsTo,
	eventCustomerId
} from '../../src/lib/features/activity/event-values';
import { EventIndex } from '../../src/lib/projection/event-index';
import { toPurchaseRow } from '../../src/lib/projection/event-rows';
import { buy, customer, memberContext } from './helpers';

/** A purchase as schema v5 and earlier stored it: a plain object in the map. */
const oldPurchase = (customerId: string, unitPriceCents: number) => ({
	customerId,
	at: Date.UTC(2025, 5, 1),
	lines: [{ product: 'Oolong', quantity: 1, unitPriceCents }],
	discountCents: 0,
	payment: 'cash',
	channel: 'in_store',
	note: '',
	createdAt: Date.UTC(2025, 5, 1),
	createdBy: 'member-old'
});

describe('event records in the doc', () => {
	it('are written as JSON text and read back whole; history entries stay objects', () => {
		const ctx = memberContext();
		const created = createCustomer(ctx, customer({ name: 'Li', city: 'Hangzhou' }));
		if (!created.ok) throw new Error('setup');
		const id = buy(ctx, created.value, { unitPriceCents: 1280 });
		updateCustomer(ctx, created.value, { city: 'Suzhou' });

		const stored = ctx.ws.purchases.get(id);
		expect(typeof stored).toBe('string');
		expect(readPurchase(id, stored)).toMatchObject({
			customerId: created.value,
			lines: [{ product: 'Oolong', quantity: 1, unitPriceCents: 1280 }]
		});
		const [changeId, change] = [...ctx.ws.changes.entries()][0]!;
		expect(typeof change).toBe('object');
		expect(readChange(changeId, change)?.changes).toEqual([
			{ field: 'city', from: 'Hangzhou', to: 'Suzhou' }
		]);
	});

	it('written before schema v6 as plain objects are still read, next to new ones', () => {
		const ctx = memberContext();
		const created = createCustomer(ctx, customer({ name: 'Li' }));
		if (!created.ok) throw new Error('setup');
		ctx.ws.purchases.set('old-one', oldPurchase(created.value, 900));
		buy(ctx, created.value, { unitPriceCents: 100 });

		const rows = new EventIndex(ctx.ws).eventsOf(created.value).purchases;
		expect(rows.map((row) => row.totalCents).sort((a, b) => a - b)).toEqual([100, 900]);
	});

	it('survive a round trip through a second doc (what a colleague receives)', () => {
		const ctx = memberContext();
		const created = createCustomer(ctx, customer({ name: 'Li' }));
		if (!created.ok) throw new Error('setup');
		const id = buy(ctx, created.value, { unitPriceCents: 4200 });
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(ctx.ws.doc));
		expect(readPurchase(id, other.getMap('purchases').get(id))?.lines[0]?.unitPriceCents).toBe(
			4200
		);
	});

	it('keep hostile text as data', () => {
		const note = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil")';
		const decoded = decodeEventValue(encodeEventValue({ customerId: 'c1', note }));
		expect(decoded).toEqual({ customerId: 'c1', note });
	});

	it('that are not records decode to nothing instead of throwing', () => {
		for (const value of ['', 'not json', '{"customerId":', '[1,2]', '"text"', '42', 'null'])
			expect(decodeEventValue(value)).toBeNull();
		for (const value of [null, undefined, 42, true, ['a'], new Uint8Array(2)])
			expect(decodeEventValue(value)).toBeNull();
		expect(readPurchase('x', '{"customerId":')).toBeNull();
	});

	it("tell whose they are without a false match on another customer's id inside the text", () => {
		const text = encodeEventValue({ customerId: 'c1', note: 'same as c2' });
		expect(eventBelongsTo(text, 'c1')).toBe(true);
		expect(eventBelongsTo(text, 'c2')).toBe(false);
		expect(eventBelongsTo(text, 'c3')).toBe(false);
		expect(eventBelongsTo({ customerId: 'c2' }, 'c2')).toBe(true);
		expect(eventBelongsTo('garbage c1', 'c1')).toBe(false);
	});

	it('name their customer only when they are records the readers accept', () => {
		expect(eventCustomerId(encodeEventValue({ customerId: 'c1' }))).toBe('c1');
		expect(eventCustomerId({ customerId: 'c1' })).toBe('c1');
		expect(eventCustomerId(encodeEventValue({ customerId: 7 }))).toBeNull();
		expect(eventCustomerId('[{"customerId":"c1"}]')).toBeNull();
		expect(eventCustomerId('{"customerId":"c1"')).toBeNull();
		expect(readPurchase('x', '{"customerId":"c1"')).toBeNull();
	});

	it('give a rebuild the same figures as the whole readers, odd values included', () => {
		const stored: unknown[] = [
			encodeEventValue(oldPurchase('c1', 1280)),
			oldPurchase('c2', 990),
			encodeEventValue({
				customerId: 'c3',
				at: 5,
				// Fractions and odd lines: the total must come out bit for bit the same.
				lines: [
					{ quantity: 0.1, unitPriceCents: 3 },
					'not a line',
					null,
					{ quantity: '2', unitPriceCents: 100 },
					{ quantity: 0.2, unitPriceCents: 7 },
					{ quantity: 3 }
				],
				discountCents: 0.3
			}),
			encodeEventValue({ customerId: 'c4', at: 'yesterday', lines: 'many', discountCents: null }),
			// A moment too large for a number parses as Infinity.
			'{"customerId":"c5","at":1e400,"lines":[],"discountCents":50}',
			encodeEventValue({ customerId: 7, at: 1 }),
			encodeEventValue({ at: 1 }),
			'{"customerId":"c6"',
			'[{"customerId":"c7"}]',
			null,
			42
		];
		for (const [i, value] of stored.entries()) {
			const id = `e${i}`;
			const whole = readPurchase(id, value);
			expect(readPurchaseFigures(id, value)).toEqual(
				whole && {
					id,
					customerId: whole.customerId,
					at: whole.at,
					totalCents: toPurchaseRow(whole).totalCents
				}
			);
			const interaction = readInteraction(id, value);
			expect(readEventMoment(id, value)).toEqual(
				interaction && { id, customerId: interaction.customerId, at: interaction.at }
			);
		}
		// Only numbers count: the line of quantity '2' adds nothing, as in the whole reader.
		expect(readPurchaseFigures('e2', stored[2])?.totalCents).toBeCloseTo(0.3 + 1.4 - 0.3);
	});
});
