import { describe, expect, it } from 'vitest';
import { readRoleEntry, type RoleEntry } from '../../src/lib/features/roles/role-entries';
import {
	createOwnerKeys,
	signRole,
	verifiedRoles
} from '../../src/lib/features/roles/role-signing';
import { maskAddress, maskPhone } from '../../src/lib/features/roles/rules/staff-view';
import { assignedTo } from '../../src/lib/features/roles/rules/assigned-to';

let next = 0;
async function signed(
	privateJwk: JsonWebKey,
	member: string,
	role: RoleEntry['role'],
	at: number
): Promise<RoleEntry> {
	return {
		id: `e${next++}`,
		member,
		role,
		at,
		sig: await signRole(privateJwk, { member, role, at })
	};
}

describe('roles signed by the team owner', () => {
	it('count only when the owner’s key signed them; the latest decision wins', async () => {
		const owner = await createOwnerKeys();
		const entries = [
			await signed(owner.privateJwk, 'wang', 'staff', 1_000),
			await signed(owner.privateJwk, 'zhao', 'staff', 1_000),
			await signed(owner.privateJwk, 'zhao', 'colleague', 2_000)
		];
		const roles = await verifiedRoles(entries, owner.publicKey);
		expect(roles.get('wang')).toBe('staff');
		expect(roles.get('zhao')).toBe('colleague');
	});

	it('an entry written without the owner’s signature changes nothing', async () => {
		const owner = await createOwnerKeys();
		const wang = await createOwnerKeys();
		const staff = await signed(owner.privateJwk, 'wang', 'staff', 1_000);
		const forged = [
			// Wang promotes himself with his own key, later than the owner's decision.
			await signed(wang.privateJwk, 'wang', 'owner', 5_000),
			// …copies the owner's signature onto another decision…
			{ ...staff, id: 'copy', role: 'colleague' as const, at: 6_000 },
			// …or writes one with no signature at all.
			{ id: 'bare', member: 'wang', role: 'colleague' as const, at: 7_000, sig: 'AAAA' }
		];
		const roles = await verifiedRoles([staff, ...forged], owner.publicKey);
		expect(roles.get('wang')).toBe('staff');
		// Without the team's owner key nothing counts, signed or not.
		expect(await verifiedRoles([staff], undefined)).toEqual(new Map());
		expect(await verifiedRoles([staff], 'not-a-key')).toEqual(new Map());
	});

	it('reads only well-formed entries from the doc', () => {
		expect(readRoleEntry('x', { member: 'm', role: 'king', at: 1, sig: 's' })).toBeNull();
		expect(readRoleEntry('x', { member: '', role: 'staff', at: 1, sig: 's' })).toBeNull();
		expect(readRoleEntry('x', { member: 'm', role: 'staff', at: 1, sig: 's' })).toEqual({
			id: 'x',
			member: 'm',
			role: 'staff',
			at: 1,
			sig: 's'
		});
	});
});

describe('what staff see', () => {
	it('masks phones and addresses', () => {
		expect(maskPhone('138 0013 8001')).toBe('138****8001');
		expect(maskPhone('+86 139-0000-1111')).toBe('139****1111');
		expect(maskPhone('12345')).toBe('••••');
		expect(maskPhone('')).toBe('');
		expect(maskAddress('浙江省杭州市西湖区')).toBe('••••••');
		expect(maskAddress(' ')).toBe('');
	});

	it('sees in full the customers whose lead or deal they own (the latest assignment counts)', () => {
		const mine = assignedTo(
			'wang',
			[
				{ customerId: 'c1', kind: 'assign', at: 1, ref: 'wang' },
				{ customerId: 'c2', kind: 'assign', at: 1, ref: 'wang' },
				{ customerId: 'c2', kind: 'assign', at: 2, ref: 'li' },
				{ customerId: 'c3', kind: 'discard', at: 3, ref: 'wang' }
			],
			[
				{ customerId: 'c4', ownerId: 'wang' },
				{ customerId: 'c5', ownerId: 'li' }
			]
		);
		expect([...mine].sort()).toEqual(['c1', 'c4']);
	});
});
