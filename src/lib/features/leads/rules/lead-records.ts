/**
 * What a stored lead decision is: its kinds, limits and shape. Kept apart from the inbox's rules
 * so the workspace's first load (which reads every kind of record) carries only these.
 */

/**
 * What happened to a lead, one entry per decision: entries from two devices both stand, and
 * a lead's state is where its entries lead in time order (see `leadStates`).
 */
export const LEAD_EVENT_KINDS = [
	'arrived',
	'assign',
	'discard',
	'reopen',
	'qualify',
	'keepApart'
] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

/** How a lead came in, when the app knows (imports and the customer form leave none). */
export const LEAD_VIAS = ['kiosk', 'typed'] as const;
export type LeadVia = (typeof LEAD_VIAS)[number];

/** Reasons offered when discarding a lead; "other" asks for a note. */
export const DISCARD_REASONS = [
	'notInterested',
	'unreachable',
	'spam',
	'duplicate',
	'other'
] as const;
export type DiscardReason = (typeof DISCARD_REASONS)[number];

export const MAX_LEAD_NOTE = 500;

export interface LeadEventRow {
	id: string;
	customerId: string;
	kind: LeadEventKind;
	at: number;
	/** The member who did it. */
	by: string;
	/** assign: the new owner ('' = nobody); qualify: the deal; keepApart: the other customer. */
	ref: string;
	/** discard: one of DISCARD_REASONS; arrived: one of LEAD_VIAS. */
	reason: string;
	note: string;
}
