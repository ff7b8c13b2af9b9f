import type { MemberProfile } from './rules/member-profile';
import { cleanMemberProfile } from './rules/member-profile';
import type { CommandContext } from '../../core/command-context';
import { commandTime } from '../../crdt/stamps';
import { readMember } from './member-records';

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
