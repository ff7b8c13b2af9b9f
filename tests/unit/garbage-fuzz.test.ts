import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addPurchase,
	addTask,
	logInteraction
} from '../../src/lib/features/activity/activity-commands';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { createFieldDef } from '../../src/lib/features/custom-fields/custom-field-commands';
import { createProduct } from '../../src/lib/features/products/product-commands';
import { setTagColor } from '../../src/lib/features/tags/tag-commands';
import { summariseWorkspace } from '../../src/lib/features/backup/backup-file';
import { dataHealth } from '../../src/lib/features/data-health/data-health';
import { recentlyDeletedCustomers } from '../../src/lib/features/customers/deleted-customers';
import { customerLoyalty, loyaltyStandings } from '../../src/lib/features/loyalty/loyalty-reads';
import {
	campaignCodes,
	campaignFigures,
	customerCoupons
} from '../../src/lib/features/coupons/coupon-commands';
import { checkCoupon } from '../../src/lib/features/coupons/coupon-use';
import { EventIndex } from '../../src/lib/projection/event-index';
import { Projector } from '../../src/lib/projection/projector';
import { APP_TABLE_KINDS } from '../../src/lib/workspace/record-kinds';
import { customer, memberContext, seededRandom } from './helpers';
import {
	PROJECTION_CONTENTS,
	rebuiltRows,
	rowsByTable,
	useProjectionDbs
} from './projection-helpers';

const freshDb = useProjectionDbs('garbage');

/** Every root of the doc: what anyone with access to a shop's sync could write into. */
const ROOTS = [
	'meta',
	'customers',
	'purchases',
	'interactions',
	'eventTombstones',
	'pointsLedger',
	'couponCodes',
	'couponRedemptions',
	...APP_TABLE_KINDS.map((kind) => kind.root)
];
/** Keys the app reads, so garbage lands where a reader looks, not only beside it. */
const FIELDS = [
	'name',
	'phone',
	'tags',
	'deletedAt',
	'mergedInto',
	'createdAt',
	'updatedAt',
	'customerId',
	'at',
	'lines',
	'kind',
	'record',
	'status',
	'due',
	'type',
	'options',
	'labelEn',
	'priceCents',
	'cf:f1',
	'demo',
	'schemaVersion',
	'currency'
];

/**
 * A random value; shared types (Y.Map, Y.Array, Y.Text) only where Yjs can hold one (a root's
 * or a Y.Map's value, not inside a plain array or object, which no update can carry).
 */
function garbage(random: () => number, ids: string[], depth = 0, shared = true): unknown {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const roll = random();
	if (roll < 0.12) return Math.floor(random() * 1e6) * (random() < 0.5 ? -1 : 1);
	if (roll < 0.2) return pick([NaN, Infinity, -0, 1e308, 0.5]);
	if (roll < 0.3) return pick(['', ' ', '{', '[1,2', '{"customerId":42}', 'null', '💥', ...ids]);
	if (roll < 0.36) return pick([true, false, null]);
	if (roll < 0.46 && depth < 2) {
		return [garbage(random, ids, depth + 1, false), garbage(random, ids, depth + 1, false)];
	}
	if (roll < 0.62 && depth < 2) {
		const object: Record<string, unknown> = {};
		for (let i = 0; i < 3; i++) object[pick(FIELDS)] = garbage(random, ids, depth + 1, false);
		return random() < 0.3 ? JSON.stringify(object) : object;
	}
	if (!shared) return pick(['', 0, null]);
	if (roll < 0.85 && depth < 2) {
		const map = new Y.Map<unknown>();
		for (let i = 0; i < 4; i++) map.set(pick(FIELDS), garbage(random, ids, depth + 1));
		return map;
	}
	if (roll < 0.92) return new Y.Array();
	if (roll < 0.96) return new Y.Text('garbage');
	return new Uint8Array([1, 2, 3]);
}

describe('readers never fail', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'garbage in every root is skipped; the projection equals a rebuild (seed %i)',
		async (seed) => {
			const random = seededRandom(seed);
			const ctx = memberContext('local');
			const db = freshDb();
			const failures: unknown[] = [];
			const projector = new Projector(ctx.ws, db, { onWriteError: (e) => failures.push(e) });
			await projector.start();

			// A real shop first, so garbage meets records it may name.
			const ids: string[] = [];
			for (let i = 0; i < 6; i++) {
				const made = createCustomer(ctx, customer({ name: `Customer ${i}`, tags: ['vip'] }));
				if (made.ok) ids.push(made.value);
			}
			deleteCustomer(ctx, ids[5]!);
			addPurchase(ctx, {
				customerId: ids[0]!,
				at: Date.UTC(2026, 10, 1),
				lines: [{ product: 'Oolong', quantity: 1, unitPriceCents: 12_800 }],
				discountCents: 0,
				payment: 'cash',
				channel: 'in_store',
				note: ''
			});
			logInteraction(ctx, {
				customerId: ids[1]!,
				at: Date.UTC(2026, 10, 2),
				kind: 'call',
				direction: 'out',
				summary: 'Asked about oolong',
				outcome: '',
				nextStep: '',
				followUpDate: '',
				products: []
			});
			addTask(ctx, {
				customerId: ids[1]!,
				title: 'Call back',
				due: '2026-12-07',
				dueTime: '',
				repeatAfterPurchaseDays: 0
			});
			createProduct(ctx, { name: 'Oolong', category: 'Tea', priceCents: 12_800, active: true });
			createFieldDef(ctx, {
				labelEn: 'Skin',
				labelZh: '肤质',
				type: 'text',
				options: [],
				showInList: false
			});
			setTagColor(ctx, 'vip', 'red');

			// Then what another program, an old device or a stranger on the relay might write.
			for (let round = 0; round < 12; round++) {
				ctx.ws.doc.transact(() => {
					for (let i = 0; i < 8; i++) {
						const root = ctx.ws.doc.getMap<unknown>(ROOTS[Math.floor(random() * ROOTS.length)]!);
						const key =
							random() < 0.3 ? ids[Math.floor(random() * ids.length)]! : `junk-${round}-${i}`;
						const value = garbage(random, ids);
						// Sometimes inside a real record, as a field of the wrong type.
						const record = root.get(key);
						if (record instanceof Y.Map && random() < 0.5) {
							record.set(FIELDS[Math.floor(random() * FIELDS.length)]!, value);
						} else root.set(key, value);
					}
				}, 'stranger');
				if (random() < 0.5) await projector.idle();
			}
			await projector.idle();

			expect(failures).toEqual([]);
			const expected = await rebuiltRows(ctx.ws, freshDb());
			const actual = await rowsByTable(db);
			for (const table of PROJECTION_CONTENTS)
				expect(actual[table], table).toEqual(expected[table]);
			// The other readers over the whole doc answer too.
			const index = new EventIndex(ctx.ws);
			for (const id of ctx.ws.customers.keys()) index.eventsOf(id);
			index.allPurchases();
			index.allInteractions();
			summariseWorkspace(ctx.ws, 0, APP_TABLE_KINDS);
			for (const id of ctx.ws.customers.keys()) customerLoyalty(ctx.ws, id, Date.now());
			loyaltyStandings(ctx.ws, Date.now());
			campaignFigures(ctx.ws);
			for (const id of ctx.ws.customers.keys()) customerCoupons(ctx.ws, id);
			for (const campaign of ctx.ws.doc.getMap('couponCampaigns').keys())
				campaignCodes(ctx.ws, campaign);
			checkCoupon(ctx.ws, 'ABCDEFGH', ids[0]!, [], Date.now());
			recentlyDeletedCustomers(ctx.ws, Date.now());
			projector.stop();
		}
	);
});

describe('data health', () => {
	it('counts, by root, the records that cannot be read, and nothing well-formed', () => {
		const ctx = memberContext('local');
		const made = createCustomer(ctx, customer({ name: 'Li Na' }));
		if (!made.ok) throw new Error('create failed');
		addTask(ctx, {
			customerId: made.value,
			title: 'Call back',
			due: '2026-12-07',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		});
		setTagColor(ctx, 'vip', 'red');
		expect(dataHealth(ctx.ws, APP_TABLE_KINDS)).toEqual([]);

		ctx.ws.doc.transact(() => {
			ctx.ws.customers.set('not-a-record', 'Li Na');
			ctx.ws.purchases.set('p-broken', '{"customerId":');
			ctx.ws.purchases.set('p-nobody', JSON.stringify({ at: 1 }));
			ctx.ws.interactions.set('i-number', 42);
			ctx.ws.tasks.set('t-text', 'call back');
			ctx.ws.tagColors.set('vip-too', 'ultraviolet');
		}, 'stranger');
		expect(dataHealth(ctx.ws, APP_TABLE_KINDS)).toEqual([
			{ root: 'customers', skipped: 1 },
			{ root: 'purchases', skipped: 2 },
			{ root: 'interactions', skipped: 1 },
			{ root: 'tasks', skipped: 1 },
			{ root: 'tagColors', skipped: 1 }
		]);
	});
});
