import { isTagColor, TAG_COLORS, type TagColor } from '../../tags/rules/tags';

/**
 * How a colleague appears to the others: in the presence list, in a customer's history ("Li
 * changed …") and on the sync status. Colours come from the tag palette, which reads well in
 * both themes.
 */
export interface MemberProfile {
	name: string;
	color: TagColor;
}

export const MEMBER_COLORS = TAG_COLORS.filter((color) => color !== 'gray');
export const MEMBER_NAME_MAX = 40;

export type MemberProfileProblem = 'validation.memberNameRequired' | 'validation.memberNameTooLong';

export function cleanMemberProfile(
	input: MemberProfile
): { ok: true; value: MemberProfile } | { ok: false; error: MemberProfileProblem } {
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name === '') return { ok: false, error: 'validation.memberNameRequired' };
	if (name.length > MEMBER_NAME_MAX) return { ok: false, error: 'validation.memberNameTooLong' };
	return { ok: true, value: { name, color: isTagColor(input.color) ? input.color : 'blue' } };
}

/** A colour for a member who has not chosen one, the same on every device for the same id. */
export function defaultMemberColor(memberId: string): TagColor {
	let hash = 0;
	for (const char of memberId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return MEMBER_COLORS[hash % MEMBER_COLORS.length] ?? 'blue';
}

export type DeviceKind = 'phone' | 'tablet' | 'computer';

/** What kind of device this is, from its user agent; shown next to the member's name. */
export function deviceKind(userAgent: string): DeviceKind {
	if (/iPad|Tablet/i.test(userAgent) || (/Android/i.test(userAgent) && !/Mobile/i.test(userAgent)))
		return 'tablet';
	if (/Mobi|iPhone|Android/i.test(userAgent)) return 'phone';
	return 'computer';
}
