import { describe, expect, it } from 'vitest';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { deleteTag, renameTag, setTagColor } from '../../src/lib/features/tags/tag-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { tagCounts } from '../../src/lib/features/tags/rules/tags';
import { customer, memberContext } from './helpers';

function shop() {
	const ctx = memberContext();
	const ids = [
		createCustomer(ctx, customer({ name: 'A', tags: ['vip', 'tea'] })),
		createCustomer(ctx, customer({ name: 'B', tags: ['VIP'] })),
		createCustomer(ctx, customer({ name: 'C', tags: ['tea'] }))
	].map((result) => (result.ok ? result.value : ''));
	return { ctx, ids, tagsOf: (i: number) => liveCustomer(ctx.ws, ids[i]!)?.tags };
}

describe('tags', () => {
	it('counts tags in use, most used first', () => {
		expect(tagCounts([{ tags: ['a', 'b'] }, { tags: ['b'] }])).toEqual([
			{ tag: 'b', count: 2 },
			{ tag: 'a', count: 1 }
		]);
	});

	it('renames a tag everywhere and carries its colour', () => {
		const { ctx, tagsOf } = shop();
		setTagColor(ctx, 'tea', 'green');
		expect(renameTag(ctx, 'tea', '茶友')).toEqual({
			ok: true,
			value: { customers: 2, merged: false }
		});
		expect(tagsOf(0)).toEqual(['vip', '茶友']);
		expect(tagsOf(2)).toEqual(['茶友']);
		expect(ctx.ws.tagColors.get('茶友')).toBe('green');
		expect(ctx.ws.tagColors.has('tea')).toBe(false);
	});

	it('merges two tags when renaming to an existing one', () => {
		const { ctx, tagsOf } = shop();
		expect(renameTag(ctx, 'vip', 'VIP')).toEqual({
			ok: true,
			value: { customers: 1, merged: true }
		});
		expect(tagsOf(0)).toEqual(['tea', 'VIP']);
		expect(tagsOf(1)).toEqual(['VIP']);
	});

	it('refuses an empty name and deletes a tag from every live customer, undoably', () => {
		const { ctx, ids, tagsOf } = shop();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		expect(renameTag(ctx, 'tea', '  ')).toEqual({ ok: false, error: 'validation.tagInvalid' });
		deleteCustomer(ctx, ids[2]!);
		expect(deleteTag(ctx, 'tea')).toBe(1);
		expect(tagsOf(0)).toEqual(['vip']);
		undo.undo();
		expect(tagsOf(0)).toEqual(['tea', 'vip']);
	});
});
