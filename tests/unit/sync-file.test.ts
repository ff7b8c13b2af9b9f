import * as Y from 'yjs';
import { entityOf } from '../../src/lib/crdt/workspace-doc';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/lib/features/backup/backup-file';
import { SealedFileError } from '../../src/lib/features/backup/sealed-file';
import { applyCountingCustomers } from '../../src/lib/crdt/apply-update';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import { openChanges, writeChanges } from '../../src/lib/features/sync/sync-file';
import { customer, memberContext } from './helpers';

const FROM_FILE = { syncFile: true };

function seeded(count: number) {
	const ctx = memberContext('li');
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const created = createCustomer(ctx, customer({ name: `Customer ${i}`, city: '杭州' }));
		if (created.ok) ids.push(created.value);
	}
	return { ctx, ids };
}

const rejectsWith = async (promise: Promise<unknown>, problem: string) => {
	await expect(promise).rejects.toBeInstanceOf(SealedFileError);
	await expect(promise).rejects.toMatchObject({ problem });
};

describe('sync files', () => {
	it('carry the whole archive to a colleague who has nothing yet', async () => {
		const { ctx } = seeded(3);
		const { bytes, info } = await writeChanges(ctx.ws, {
			memberId: 'li',
			memberName: 'Li',
			since: null,
			now: 7
		});
		expect(info).toMatchObject({ fromMemberId: 'li', fromName: 'Li', full: true, createdAt: 7 });
		const wang = memberContext('wang');
		const opened = await openChanges(bytes);
		expect(applyCountingCustomers(wang.ws, opened.update, FROM_FILE)).toBe(3);
		expect(wang.ws.customers.toJSON()).toEqual(ctx.ws.customers.toJSON());
		// Applying the same file again changes nothing, and says so.
		expect(applyCountingCustomers(wang.ws, opened.update, FROM_FILE)).toBe(0);
	});

	it('carry only what the colleague lacks once their state is known', async () => {
		const { ctx, ids } = seeded(200);
		const wang = memberContext('wang');
		Y.applyUpdate(wang.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		// Wang sends a file back: it tells Li what Wang has.
		const back = await writeChanges(wang.ws, { memberId: 'wang', memberName: 'Wang', since: null });
		const wangState = (await openChanges(back.bytes)).senderState;

		updateCustomer(ctx, ids[5]!, { city: '苏州' });
		const full = await writeChanges(ctx.ws, { memberId: 'li', memberName: 'Li', since: null });
		const diff = await writeChanges(ctx.ws, { memberId: 'li', memberName: 'Li', since: wangState });
		expect(diff.info.full).toBe(false);
		expect(diff.bytes.length).toBeLessThan(full.bytes.length / 20);
		const opened = await openChanges(diff.bytes);
		expect(applyCountingCustomers(wang.ws, opened.update, FROM_FILE)).toBe(1);
		expect(entityOf(wang.ws.customers, ids[5]!)?.get('city')).toBe('苏州');
		expect(Y.encodeStateVector(wang.ws.doc)).toEqual(Y.encodeStateVector(ctx.ws.doc));
	});

	it('are encrypted with the team secret inside a team', async () => {
		const { ctx } = seeded(1);
		const secret = 'dhY4yQyl-NafW102FX00Y-M9rnMf6JEMHoKwZTN3KmM';
		const { bytes } = await writeChanges(ctx.ws, {
			memberId: 'li',
			memberName: '李老板',
			since: null,
			secret
		});
		const text = new TextDecoder().decode(bytes);
		expect(text).not.toContain('Customer 0');
		expect(text).not.toContain('李老板');
		await rejectsWith(openChanges(bytes), 'needPassphrase');
		await rejectsWith(openChanges(bytes, `${secret.slice(1)}x`), 'wrongPassphrase');
		expect((await openChanges(bytes, secret)).info.fromName).toBe('李老板');
	});

	it('refuse other files and damage before anything is applied', async () => {
		const { ctx } = seeded(2);
		const backup = await writeBackup(ctx.ws);
		await rejectsWith(openChanges(backup.bytes), 'wrongKind');
		await rejectsWith(openChanges(new TextEncoder().encode('name,phone\n')), 'wrongKind');
		const { bytes } = await writeChanges(ctx.ws, { memberId: 'li', memberName: 'Li', since: null });
		await rejectsWith(openChanges(bytes.subarray(0, 30)), 'damaged');
		const flipped = bytes.slice();
		flipped[flipped.length - 3]! ^= 0xff;
		flipped[flipped.length - 40]! ^= 0xff;
		await expect(openChanges(flipped)).rejects.toBeInstanceOf(SealedFileError);
	});
});
