import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { teamSync } from '../../sync/ui/team-sync.svelte';
import type { Role, RoleEntry } from '../role-entries';

/**
 * The team's roles as this device reads them: only entries the owner's key signed count. The
 * app enforces them; a modified app on a colleague's own device could ignore them (docs/privacy.md).
 */
class RolesState {
	byMember = $state.raw<ReadonlyMap<string, Role>>(new Map());
	/** The customers assigned to this device's member (only read while they are staff). */
	mine = $state.raw<ReadonlySet<string>>(new Set());
	#asked = 0;

	/** Reads the entries again and checks each signature against the team's owner key. */
	async refresh(session: Pick<WorkspaceSession, 'roleEntries' | 'db' | 'memberId'>): Promise<void> {
		const asked = ++this.#asked;
		const ownerKey = teamSync.space?.ownerKey;
		const entries: RoleEntry[] = ownerKey ? await session.roleEntries() : [];
		// The signature checks load only in a team with an owner key.
		const { verifiedRoles } = await import('../role-signing');
		const roles = await verifiedRoles(entries, ownerKey);
		const staff = roles.get(session.memberId) === 'staff';
		const { assignedTo } = await import('../rules/assigned-to');
		const mine = staff
			? assignedTo(
					session.memberId,
					await session.db.leadEvents.toArray(),
					await session.db.deals.toArray()
				)
			: new Set<string>();
		if (asked !== this.#asked) return;
		this.byMember = roles;
		this.mine = mine;
	}

	/** Whether `memberId` is staff: no exports, erasures, restores or rule changes. */
	isStaff(memberId: string): boolean {
		return this.byMember.get(memberId) === 'staff';
	}

	/** Whether this member sees the customer's full phone numbers and address. */
	seesContact(memberId: string, customerId: string): boolean {
		return !this.isStaff(memberId) || this.mine.has(customerId);
	}

	roleOf(memberId: string): Role {
		return this.byMember.get(memberId) ?? 'colleague';
	}
}

export const roles = new RolesState();
