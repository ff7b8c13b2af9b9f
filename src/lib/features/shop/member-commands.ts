import { isTagColor } from '../tags/rules/tags';
import type { MemberProfile } from './rules/member-profile';
import { cleanMemberProfile } from './rules/member-profile';
import type { CommandContext } from '../../core/command-context';
import { commandTime } from '../../crdt/stamps';

/** A member as stored in the doc's `members` map (a plain value each member writes for itself). */
export interface MemberRecord extends MemberProfile {
	memberId: string;
	updatedAt: number;
}

/** Reads a stored member value; anything malformed (a foreign writer) is skipped. */
export function readMember(memberId: string, value: unknown): MemberRecord | null {
	if (typeof value !== 'object' || value === null) return null;
	const { name, color, updatedAt } = value as Record<string, unknown>;
	if (typeof name !== 'string' || name.trim() === '') return null;
	return {
		memberId,
		name: name.slice(0, 80),
		color: isTagColor(color) ? color : 'gray',
		updatedAt: typeof updatedAt === 'number' ? updatedAt : 0
	};
}

/**
 * Publishes this member's name and colour to the team. Only the member itself writes its entry,
 * so a plain value (last writer wins) never loses a colleague's edit.
 */
export function setMemberProfile(
	ctx: CommandContext,
	profile: MemberProfile
): { ok: true } | { ok: false; error: string } {
	const cleaned = cleanMemberProfile(profile);
	if (!cleaned.ok) return cleaned;
	const current = readMember(ctx.memberId, ctx.ws.members.get(ctx.memberId));
	if (current && current.name === cleaned.value.name && current.color === cleaned.value.color) {
		return { ok: true };
	}
	ctx.ws.doc.transact(() => {
		ctx.ws.members.set(ctx.memberId, { ...cleaned.value, updatedAt: commandTime(ctx) });
	}, ctx.origin);
	return { ok: true };
}
