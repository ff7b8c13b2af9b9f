import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import {
	addPurchase,
	addTask,
	deletePurchase,
	logInteraction
} from '../../src/lib/features/activity/activity-commands';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { logFeedback, setFeedbackStatus } from '../../src/lib/features/feedback/feedback-commands';
import { adjustPoints } from '../../src/lib/features/loyalty/loyalty-commands';
import { addLead } from '../../src/lib/features/leads/lead-commands';
import { customerData, type CustomerData } from '../../src/lib/features/privacy/customer-data';
import { dataSections } from '../../src/lib/features/privacy/ui/data-sections';
import type { ChangeWords } from '../../src/lib/features/activity/ui/change-text';
import { ALL_RECORD_KINDS } from '../../src/lib/workspace/all-record-kinds';
import { APP_TABLE_KINDS } from '../../src/lib/workspace/record-kinds';
import type { CommandContext } from '../../src/lib/core/command-context';
import { customer, memberContext, translator, dealMovedOnce } from './helpers';
import enMessages from '../../src/lib/i18n/en/on-demand.json';
import enFirst from '../../src/lib/i18n/en/first-route.json';
import zhMessages from '../../src/lib/i18n/zh-CN/on-demand.json';
import zhFirst from '../../src/lib/i18n/zh-CN/first-route.json';

const T0 = Date.UTC(2026, 10, 2, 3, 0);

function made<T>(result: { ok: boolean; value?: T }): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
	return result.value as T;
}

/** A shop where one customer (and one merged into them) has a record of nearly every kind. */
function shop() {
	const ctx: CommandContext = { ...memberContext('member-a'), now: () => T0 };
	ctx.ws.members.set('member-a', { name: 'Ada at the counter', color: 'blue', updatedAt: T0 });
	const li = made(createCustomer(ctx, customer({ name: 'Li Na', phone: '13800138000' })));
	made(updateCustomer(ctx, li, { phone: '13900139000' }));
	made(updateCustomer(ctx, li, { email: 'li.na@example.com' }));
	const other = made(createCustomer(ctx, customer({ name: 'Wang Wei', phone: '13700137000' })));
	const sale = (customerId: string, product: string) =>
		made(
			addPurchase(ctx, {
				customerId,
				at: T0,
				lines: [{ product, quantity: 2, unitPriceCents: 12_050 }],
				discountCents: 100,
				payment: 'wechat_pay',
				channel: 'in_store',
				note: ''
			})
		);
	sale(li, 'Oolong');
	const deleted = sale(li, 'Pu-erh cake');
	deletePurchase(ctx, deleted);
	sale(other, 'Green tea');
	made(
		logInteraction(ctx, {
			customerId: li,
			at: T0,
			kind: 'call',
			direction: 'in',
			summary: 'Asked about the autumn oolong',
			outcome: '',
			nextStep: '',
			followUpDate: '',
			products: []
		})
	);
	made(
		addTask(ctx, {
			customerId: li,
			title: 'Call back',
			due: '2026-11-09',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		})
	);
	dealMovedOnce(ctx, li, { title: 'Wedding tea set', valueCents: 88_800 });
	const feedback = made(
		logFeedback(ctx, {
			kind: 'complaint',
			channel: 'phone',
			customerId: li,
			purchaseId: '',
			products: [],
			severity: 'high',
			description: 'The tea arrived cold',
			ownerId: '',
			receivedAt: T0
		})
	);
	setFeedbackStatus(ctx, feedback, 'acknowledged');
	adjustPoints(ctx, li, 50, 'Welcome gift');
	ctx.ws.doc.getMap('consents').set('consent-1', {
		customerId: li,
		purpose: 'sms',
		decision: 'agreed',
		at: T0,
		method: 'kiosk',
		by: 'member-a',
		text: 'Offers by SMS'
	});
	ctx.ws.doc.getMap('surveyInvitations').set('inv-1', {
		surveyId: 'sv-1',
		customerId: li,
		purchaseId: '',
		token: 'SECRET-SIGNING-TOKEN-123',
		at: T0,
		by: 'member-a'
	});
	// A lead later merged into Li Na: their records are hers now.
	const lead = made(
		addLead(ctx, {
			name: 'Li Na (kiosk)',
			phone: '13800138000',
			source: 'walk_in',
			ownerId: '',
			notes: ''
		})
	);
	made(
		mergeCustomers(
			ctx,
			li,
			lead,
			customer({ name: 'Li Na', phone: '13900139000', email: 'li.na@example.com' })
		)
	);
	return { ctx, li, other, lead, feedback, deleted };
}

/** A catalogue's words with values filled in and plurals chosen, as i18next does. */
function wordsOf(...parts: Record<string, unknown>[]): ChangeWords['t'] {
	const merged = (a: Record<string, unknown>, b: Record<string, unknown>) => {
		const out: Record<string, unknown> = { ...a };
		for (const [key, value] of Object.entries(b)) {
			const had = out[key];
			out[key] =
				typeof value === 'object' && typeof had === 'object'
					? merged(had as Record<string, unknown>, value as Record<string, unknown>)
					: value;
		}
		return out;
	};
	const look = translator(parts.reduce(merged, {}));
	return (key, params = {}) => {
		let text: string;
		try {
			text = look(key);
		} catch {
			text = look(`${key}_${params['count'] === 1 ? 'one' : 'other'}`);
		}
		return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
	};
}

const englishWords: ChangeWords = {
	language: 'en',
	t: wordsOf(enFirst, enMessages),
	date: (ms) => new Date(ms).toISOString().slice(0, 10),
	dateTime: (ms) => new Date(ms).toISOString().slice(0, 16),
	money: (cents) => `¥${(cents / 100).toFixed(2)}`
};

describe("a customer's own data", () => {
	it('holds every kind of record about them, and only theirs', () => {
		const { ctx, li, lead } = shop();
		const data = customerData(ctx.ws, li, ALL_RECORD_KINDS, T0) as CustomerData;
		expect(data.customer.name).toBe('Li Na');
		expect(data.mergedCustomers.map((c) => c.id)).toEqual([lead]);
		const roots = Object.keys(data.records).sort();
		expect(roots).toEqual(
			[
				'changes',
				'consents',
				'dealMoves',
				'deals',
				'eventTombstones',
				'feedback',
				'feedbackEvents',
				'interactions',
				'leadEvents',
				'pointsLedger',
				'purchases',
				'surveyInvitations',
				'tasks'
			].sort()
		);
		const text = JSON.stringify(data);
		expect(text).not.toContain('Wang Wei');
		expect(text).not.toContain('Green tea');
		expect(data.records['purchases']!.map((p) => p['lines'])).toEqual([
			[{ product: 'Oolong', quantity: 2, unitPriceCents: 12_050 }]
		]);
		// The deleted purchase is listed once, as deleted.
		expect(data.records['eventTombstones']).toHaveLength(1);
		// Old and new phone numbers are in the history: it is theirs.
		expect(text).toContain('13800138000');
		expect(data.records['leadEvents']!.some((e) => e['customerId'] === lead)).toBe(true);
		expect(data.records['dealMoves']).toHaveLength(2);
		expect(data.names.members['member-a']).toBe('Ada at the counter');
	});

	it('leaves out what a kind withholds: the secret a survey link is signed with', () => {
		const { ctx, li } = shop();
		const data = customerData(ctx.ws, li, ALL_RECORD_KINDS, T0) as CustomerData;
		expect(data.records['surveyInvitations']).toHaveLength(1);
		expect(JSON.stringify(data)).not.toContain('SECRET-SIGNING-TOKEN-123');
	});

	it('is null for a customer the archive does not hold', () => {
		const { ctx } = shop();
		expect(customerData(ctx.ws, 'nobody', ALL_RECORD_KINDS, T0)).toBeNull();
	});

	it('skips values another program wrote that are no records, never failing on them', () => {
		const { ctx, li } = shop();
		ctx.ws.purchases.set('junk-1', 'not json');
		ctx.ws.purchases.set('junk-2', JSON.stringify({ customer: li, lines: [] }));
		ctx.ws.pointsLedger.set('junk-3', 42);
		const data = customerData(ctx.ws, li, ALL_RECORD_KINDS, T0) as CustomerData;
		expect(data.records['purchases']).toHaveLength(1);
		expect(data.records['pointsLedger']).toHaveLength(1);
	});

	it('reads as a document in the language asked for', () => {
		const { ctx, li } = shop();
		const data = customerData(ctx.ws, li, ALL_RECORD_KINDS, T0) as CustomerData;
		const sections = dataSections(data, englishWords);
		const byId = Object.fromEntries(sections.map((s) => [s.id, s]));
		expect(sections[0]!.id).toBe('details');
		expect(byId['details']!.rows).toContainEqual({ when: 'Phone', what: '13900139000' });
		expect(byId['purchases']!.rows[0]).toMatchObject({ what: 'Oolong × 2', amount: '¥240.00' });
		expect(byId['eventTombstones']!.rows[0]!.what).toContain('Pu-erh cake × 2');
		expect(byId['dealMoves']!.rows.map((r) => r.what)).toEqual([
			'Created in Enquiry',
			'Enquiry → Quote sent'
		]);
		expect(byId['changes']!.rows.map((r) => r.what).join('\n')).toContain('13800138000');
		expect(byId['changes']!.rows.some((r) => r.by === 'Ada at the counter')).toBe(true);
		expect(byId['mergedCustomers']!.rows[0]!.what).toBe('Li Na (kiosk)');

		const chinese = dataSections(data, {
			...englishWords,
			language: 'zh-CN',
			t: wordsOf(zhFirst, zhMessages)
		});
		expect(chinese.map((s) => s.title)).toContain('购买记录');
		expect(chinese[0]!.rows).toContainEqual({ when: '电话', what: '13900139000' });
	});

	it('lists a kind it does not know yet, rather than leaving it out', () => {
		const { ctx, li } = shop();
		const data = customerData(ctx.ws, li, ALL_RECORD_KINDS, T0) as CustomerData;
		data.records['visits'] = [{ id: 'v1', customerId: li, at: T0, room: 'tasting room' }];
		const visits = dataSections(data, englishWords).find((s) => s.id === 'visits')!;
		expect(visits.title).toBe('Other records (visits)');
		expect(visits.rows[0]!.what).toContain('tasting room');
	});
});

/** Every root name the app's source writes: `*_ROOT` constants and `getMap('…')` literals. */
function rootsNamedInSource(dir: string, found = new Set<string>()): Set<string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) rootsNamedInSource(path, found);
		else if (/\.(ts|svelte)$/.test(name)) {
			const source = readFileSync(path, 'utf8');
			for (const match of source.matchAll(/_ROOT = '(\w+)'|getMap(?:<[^>]*>)?\('(\w+)'\)/g)) {
				found.add(match[1] ?? match[2]!);
			}
		}
	}
	return found;
}

describe('every kind of record says whose data it holds', () => {
	const declared = new Set(ALL_RECORD_KINDS.map((kind) => kind.root));

	it('covers every root of the doc and every root the source names', () => {
		const roots = new Set([
			...Object.keys(workspaceDoc(new Y.Doc())).filter((key) => key !== 'doc'),
			...rootsNamedInSource('src/lib')
		]);
		roots.delete('meta'); // the shop's settings: a map of values, not of records
		expect([...roots].filter((root) => !declared.has(root))).toEqual([]);
	});

	it('covers every root a busy shop wrote', () => {
		const { ctx } = shop();
		const written = [...ctx.ws.doc.share.keys()].filter((root) => root !== 'meta');
		expect(written.filter((root) => !declared.has(root))).toEqual([]);
	});

	it('names a parent root that exists for every part', () => {
		for (const kind of ALL_RECORD_KINDS) {
			if (kind.personal.about === 'part') expect(declared).toContain(kind.personal.parentRoot);
		}
		expect(APP_TABLE_KINDS.every((kind) => ALL_RECORD_KINDS.includes(kind))).toBe(true);
	});
});
