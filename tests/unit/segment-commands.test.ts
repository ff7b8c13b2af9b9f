import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	addTasksFor,
	setCustomersStage,
	tagCustomers,
	untagCustomers
} from '../../src/lib/features/customers/bulk-commands';
import { segmentKind } from '../../src/lib/features/segments/kinds';
import {
	createSegment,
	deleteSegment,
	updateSegment
} from '../../src/lib/features/segments/segment-commands';
import { emptyCondition, readDefinition } from '../../src/lib/features/segments/rules/segment';
import { readStored } from '../../src/lib/core/record-kind';
import { customer, memberContext } from './helpers';

const bigSpenders = {
	name: 'Big spenders',
	color: 'teal',
	definition: { join: 'all' as const, items: [{ ...emptyCondition(), value: '1000' }] }
};

describe('saved segments', () => {
	it('are created, changed and removed as records colleagues share', () => {
		const ctx = memberContext();
		const made = createSegment(ctx, bigSpenders);
		if (!made.ok) throw new Error('refused');
		const stored = () =>
			readStored(segmentKind, made.value, ctx.ws.doc.getMap('segments').get(made.value));
		expect(stored()).toMatchObject({ name: 'Big spenders', color: 'teal' });
		expect(readDefinition(stored()!.definition)!.items).toHaveLength(1);

		// A colleague's doc gets it with a sync.
		const colleague = memberContext('member-b');
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		expect(colleague.ws.doc.getMap('segments').has(made.value)).toBe(true);

		expect(updateSegment(ctx, made.value, { ...bigSpenders, name: 'Whales' }).ok).toBe(true);
		expect(stored()!.name).toBe('Whales');
		expect(createSegment(ctx, { ...bigSpenders, name: '' })).toEqual({
			ok: false,
			reason: 'invalid',
			problem: 'nameRequired'
		});
		expect(deleteSegment(ctx, made.value)).toBe(true);
		expect(stored()).toBeNull();
	});

	it('read a stranger’s garbage as unreadable, never as a segment matching something else', () => {
		const ctx = memberContext();
		const map = new Y.Map<unknown>();
		ctx.ws.doc.getMap('segments').set('odd', map);
		map.set('name', 'Odd');
		map.set('definition', '{"join":"all","items":[{"field":"x"}]}');
		map.set('color', 42);
		const row = readStored(segmentKind, 'odd', map);
		expect(row).toMatchObject({ name: 'Odd', color: 'gray' });
		expect(readDefinition(row!.definition)).toBeNull();
		ctx.ws.doc.getMap('segments').set('text', 'not a map');
		expect(readStored(segmentKind, 'text', 'not a map')).toBeNull();
	});
});

describe('changing a segment’s members at once', () => {
	function shop() {
		const ctx = memberContext();
		const ids = ['Li', 'Wang', 'Zhao'].map((name) => {
			const made = createCustomer(ctx, customer({ name, tags: name === 'Li' ? ['VIP'] : [] }));
			if (!made.ok) throw new Error('refused');
			return made.value;
		});
		return { ctx, ids, undo: createUndoManager(ctx.ws, ctx.origin) };
	}

	it('tags exactly the customers given, once each, and one undo takes it all back', () => {
		const { ctx, ids, undo } = shop();
		const [li, wang, zhao] = ids as [string, string, string];
		undo.clear();
		expect(tagCustomers(ctx, [li, wang, wang], ' VIP ')).toEqual({ ok: true, value: 1 });
		expect(liveCustomer(ctx.ws, wang)!.tags).toEqual(['VIP']);
		expect(liveCustomer(ctx.ws, zhao)!.tags).toEqual([]);
		expect(tagCustomers(ctx, [li], '')).toEqual({ ok: false, error: 'validation.tagInvalid' });
		undo.undo();
		expect(liveCustomer(ctx.ws, wang)!.tags).toEqual([]);
		expect(liveCustomer(ctx.ws, li)!.tags).toEqual(['VIP']);
	});

	it('untags, sets the stage and adds follow-ups, skipping customers deleted meanwhile', () => {
		const { ctx, ids } = shop();
		const [li, wang, zhao] = ids as [string, string, string];
		deleteCustomer(ctx, zhao);
		expect(untagCustomers(ctx, ids, 'VIP')).toEqual({ ok: true, value: 1 });
		expect(setCustomersStage(ctx, ids, 'vip')).toEqual({ ok: true, value: 2 });
		expect(liveCustomer(ctx.ws, wang)!.stage).toBe('vip');
		const task = {
			title: 'Call about the new harvest',
			due: '2026-12-10',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		};
		expect(addTasksFor(ctx, ids, task)).toEqual({ ok: true, value: 2 });
		const owners = [...ctx.ws.tasks.values()].map((map) =>
			(map as Y.Map<unknown>).get('customerId')
		);
		expect(owners.sort()).toEqual([li, wang].sort());
		expect(addTasksFor(ctx, ids, { ...task, title: '' })).toEqual({ ok: false, error: 'invalid' });
	});
});
