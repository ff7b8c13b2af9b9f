import { describe, expect, it } from 'vitest';
import { customer } from './helpers';
import { ProjectionDb } from '../../src/lib/projection/db';
import { WorkspaceCore, type WorkspaceView } from '../../src/lib/workspace/workspace-core';

let nextWorkspace = 0;

function namesForTest() {
	const id = `core-test-${nextWorkspace++}`;
	return {
		docDbName: `doc-${id}`,
		projectionDbName: `projection-${id}`,
		tabChannelName: `tabs-${id}`
	};
}

function openCore(names: ReturnType<typeof namesForTest>) {
	const views: Partial<WorkspaceView>[] = [];
	const core = new WorkspaceCore('member-1', names, {
		onView: (patch) => views.push(patch),
		onReplacedElsewhere: () => {}
	});
	return { core, views };
}

describe('WorkspaceCore', () => {
	it('stores every change after loading, so the next open has it', async () => {
		const names = namesForTest();
		const first = openCore(names);
		await first.core.whenReady();
		const created = await first.core.createCustomer(
			customer({ name: 'Li Na', phone: '13800000001' })
		);
		expect(created.ok).toBe(true);
		await first.core.updateCustomer(created.ok ? created.value : '', { city: 'Hangzhou' });
		expect(first.views).toContainEqual({ status: 'ready' });

		const second = openCore(names);
		await second.core.settled();
		const id = created.ok ? created.value : '';
		expect(second.core.ws.customers.get(id)?.get('city')).toBe('Hangzhou');
		const db = new ProjectionDb(names.projectionDbName);
		expect((await db.customers.get(id))?.name).toBe('Li Na');
		db.close();
	});

	it('reports undo state, and an undo token undoes only its own step', async () => {
		const { core, views } = openCore(namesForTest());
		const created = await core.createCustomer(customer({ name: 'Wang Fang' }));
		const id = created.ok ? created.value : '';
		expect(views).toContainEqual({ canUndo: true, canRedo: false });
		const { undoToken } = await core.deleteCustomer(id);
		expect(core.ws.customers.get(id)?.get('deletedAt')).toBeTypeOf('number');
		expect(await core.undoStep(undoToken!)).toBe(true);
		expect(core.ws.customers.get(id)?.get('deletedAt')).toBeUndefined();
		expect(await core.undoStep(undoToken!)).toBe(false);
		expect(await core.undoStep(12345)).toBe(false);
	});
});
