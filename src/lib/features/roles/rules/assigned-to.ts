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
