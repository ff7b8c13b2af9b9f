import { isTagColor } from '../tags/rules/tags';
import type { MemberProfile } from './rules/member-profile';

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
