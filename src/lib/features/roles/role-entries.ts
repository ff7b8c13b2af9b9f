import type { RecordKind } from '../../core/record-kind';
import { isMoment, plainFields, textField } from '../../core/stored-values';
import { ROLES_ROOT } from './roles-root';

/**
 * Roles in a team (issue: privacy): one plain value per decision of the team's owner, signed by
 * the owner's key (see role-signing.ts). Only a signed entry counts, so a colleague cannot
 * promote themselves by writing one.
 */
export { ROLES_ROOT };

export const ROLES = ['owner', 'colleague', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleEntry {
	id: string;
	/** The member (device profile) the decision is about. */
	member: string;
	role: Role;
	at: number;
	/** The owner's ECDSA P-256 signature over `roleMessage`, base64url. */
	sig: string;
}

export function readRoleEntry(id: string, stored: unknown): RoleEntry | null {
	const fields = plainFields(stored);
	if (!fields || !isMoment(fields['at'])) return null;
	const role = ROLES.find((known) => known === fields['role']);
	const member = textField(fields, 'member', 80);
	const sig = textField(fields, 'sig', 200);
	if (!role || !member || !sig) return null;
	return { id, member, role, at: fields['at'], sig };
}

export const roleKind: RecordKind<RoleEntry> = {
	root: ROLES_ROOT,
	storage: 'value',
	read: readRoleEntry,
	// Who may do what in the team: the team's data, never a customer's.
	personal: { about: 'team' }
};
