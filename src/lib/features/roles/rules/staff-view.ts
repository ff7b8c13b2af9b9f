/**
 * What staff see of customers not assigned to them (issue: privacy, roles): enough to recognise
 * a caller, not enough to copy a phone book. A customer is theirs when they own the customer's
 * lead or one of the customer's deals.
 */
export function maskPhone(phone: string): string {
	let digits = [...phone].filter((char) => /\d/.test(char)).join('');
	// A mainland number with its country code is shown as it is dialled at home: 138****8001.
	if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	if (digits.length < 7) return phone === '' ? '' : '••••';
	return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskAddress(address: string): string {
	return address.trim() === '' ? '' : '••••••';
}

/** The things staff may not do (the owner and colleagues may). */
export const STAFF_MAY_NOT = [
	'export',
	'erase',
	'restore',
	'loyaltyRules',
	'retentionRules'
] as const;
export type GuardedAction = (typeof STAFF_MAY_NOT)[number];

/**
 * The customers assigned to a member: those whose lead they own (the latest assignment counts)
 * and those with a deal they own.
 */
export function assignedTo(
	memberId: string,
	leadEvents: readonly { customerId: string; kind: string; at: number; ref: string }[],
	deals: readonly { customerId: string; ownerId: string }[]
): Set<string> {
	const latestOwner = new Map<string, { at: number; ref: string }>();
	for (const event of leadEvents) {
		if (event.kind !== 'assign') continue;
		const known = latestOwner.get(event.customerId);
		if (!known || event.at > known.at) latestOwner.set(event.customerId, event);
	}
	const mine = new Set<string>();
	for (const [customerId, owner] of latestOwner) if (owner.ref === memberId) mine.add(customerId);
	for (const deal of deals) if (deal.ownerId === memberId) mine.add(deal.customerId);
	return mine;
}
