import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createCustomer,
	deleteCustomer,
	updateCustomer
} from '../../src/lib/features/customers/customer-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { customer, memberContext } from './helpers';

describe('undo', () => {
	it('undoes and redoes a delete, an edit and a create, one command per step', () => {
		const ctx = memberContext();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const result = createCustomer(ctx, customer({ name: 'Anna' }));
		const id = result.ok ? result.value : '';
		updateCustomer(ctx, id, { city: '上海' });
		deleteCustomer(ctx, id);
		expect(liveCustomer(ctx.ws, id)).toBeNull();

		undo.undo();
		expect(liveCustomer(ctx.ws, id)).toMatchObject({ name: 'Anna', city: '上海' });
		undo.undo();
		expect(liveCustomer(ctx.ws, id)).toMatchObject({ name: 'Anna', city: '' });
		undo.undo();
		expect(ctx.ws.customers.has(id)).toBe(false);
		undo.redo();
		expect(liveCustomer(ctx.ws, id)).toMatchObject({ name: 'Anna' });
	});

	it('never undoes a colleague’s change', () => {
		const mine = memberContext('me');
		const theirs = memberContext('them');
		const undo = createUndoManager(mine.ws, mine.origin);
		const result = createCustomer(mine, customer({ name: 'Anna' }));
		const id = result.ok ? result.value : '';
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));
		updateCustomer(theirs, id, { phone: '138 0013 8000' });
		Y.applyUpdate(mine.ws.doc, Y.encodeStateAsUpdate(theirs.ws.doc), 'remote');
		updateCustomer(mine, id, { city: '杭州' });

		undo.undo();
		expect(liveCustomer(mine.ws, id)).toMatchObject({ city: '', phone: '138 0013 8000' });
	});
});
