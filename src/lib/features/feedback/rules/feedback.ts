/**
 * Customer feedback (客户反馈): complaints, suggestions, praise and questions, each handled to
 * its end. Pure rules: what a record may hold, where it goes next, and when it is overdue.
 */

import {
	FEEDBACK_CHANNELS,
	FEEDBACK_KINDS,
	MAX_FEEDBACK_PRODUCTS,
	MAX_FEEDBACK_TEXT,
	OPEN_STATUSES,
	SEVERITIES,
	type FeedbackFields,
	type FeedbackKind,
	type FeedbackRow,
	type FeedbackStatus,
	type Severity
} from './feedback-records';

export * from './feedback-records';

/** Hours the shop allows to resolve an item, per severity. */
export interface ResponseRules {
	hours: Record<Severity, number>;
}

export const DEFAULT_RESPONSE_RULES: ResponseRules = { hours: { high: 24, medium: 72, low: 168 } };
export const MAX_RESPONSE_HOURS = 24 * 90;

export function readResponseRules(stored: unknown): ResponseRules {
	const hours = { ...DEFAULT_RESPONSE_RULES.hours };
	if (typeof stored === 'object' && stored !== null) {
		const given = (stored as Record<string, unknown>)['hours'];
		if (typeof given === 'object' && given !== null)
			for (const severity of SEVERITIES) {
				const value = (given as Record<string, unknown>)[severity];
				if (isRuleHours(value)) hours[severity] = value;
			}
	}
	return { hours };
}

const isRuleHours = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RESPONSE_HOURS;

export function validateResponseRules(rules: ResponseRules): Partial<Record<Severity, string>> {
	const errors: Partial<Record<Severity, string>> = {};
	for (const severity of SEVERITIES)
		if (!isRuleHours(rules.hours[severity])) errors[severity] = 'feedback.errors.hours';
	return errors;
}

/** When an item logged at `at` with `severity` is due under the shop's rules. */
export function dueAtFor(at: number, severity: Severity, rules: ResponseRules): number {
	return at + rules.hours[severity] * 3_600_000;
}

export function isOverdue(row: Pick<FeedbackRow, 'status' | 'dueAt'>, now: number): boolean {
	return OPEN_STATUSES.includes(row.status) && row.dueAt > 0 && now > row.dueAt;
}

/**
 * The statuses an item can go to from `status`: forward one step or straight to resolved or
 * closed; a closed or resolved item can be reopened (back to in progress).
 */
export function nextStatuses(status: FeedbackStatus): FeedbackStatus[] {
	switch (status) {
		case 'new':
			return ['acknowledged', 'in_progress', 'resolved', 'closed'];
		case 'acknowledged':
			return ['in_progress', 'resolved', 'closed'];
		case 'in_progress':
			return ['resolved', 'closed'];
		case 'resolved':
			return ['closed', 'in_progress'];
		case 'closed':
			return ['in_progress'];
	}
}

export type FeedbackErrors = Partial<
	Record<keyof FeedbackFields | 'resolution' | 'satisfaction', string>
>;

export function validateFeedback(fields: FeedbackFields): FeedbackErrors {
	const errors: FeedbackErrors = {};
	if (!FEEDBACK_KINDS.includes(fields.kind)) errors.kind = 'validation.choiceInvalid';
	if (!FEEDBACK_CHANNELS.includes(fields.channel)) errors.channel = 'validation.choiceInvalid';
	if (!SEVERITIES.includes(fields.severity)) errors.severity = 'validation.choiceInvalid';
	if (!fields.customerId) errors.customerId = 'validation.required';
	if (!Number.isFinite(fields.receivedAt) || fields.receivedAt <= 0 || fields.receivedAt > 8.64e15)
		errors.receivedAt = 'validation.dateInvalid';
	const description = fields.description.trim();
	if (!description) errors.description = 'validation.required';
	else if (description.length > MAX_FEEDBACK_TEXT) errors.description = 'validation.tooLong';
	if (
		fields.products.length > MAX_FEEDBACK_PRODUCTS ||
		fields.products.some((product) => typeof product !== 'string' || product.length > 120)
	)
		errors.products = 'validation.tooLong';
	return errors;
}

/** Filters of the feedback inbox; '' means any. */
export interface FeedbackFilter {
	status: FeedbackStatus | 'open' | '';
	ownerId: string;
	kind: FeedbackKind | '';
	severity: Severity | '';
	overdueOnly: boolean;
}

export const NO_FEEDBACK_FILTER: FeedbackFilter = {
	status: 'open',
	ownerId: '',
	kind: '',
	severity: '',
	overdueOnly: false
};

/** The items the filters let through: overdue first, then the soonest due, then newest. */
export function filterFeedback<T extends FeedbackRow>(
	rows: readonly T[],
	filter: FeedbackFilter,
	now: number
): T[] {
	// Read once: the filter may be reactive state, each read of it tracked.
	const { status, ownerId, kind, severity, overdueOnly } = filter;
	const shown = rows.filter(
		(row) =>
			(status === '' ||
				(status === 'open' ? OPEN_STATUSES.includes(row.status) : row.status === status)) &&
			(ownerId === '' || row.ownerId === ownerId) &&
			(kind === '' || row.kind === kind) &&
			(severity === '' || row.severity === severity) &&
			(!overdueOnly || isOverdue(row, now))
	);
	// Each row's place worked out once, not in every comparison (5,000 items: 60,000 of them).
	const keyed = shown.map((row) => ({
		row,
		late: isOverdue(row, now) ? 0 : 1,
		due: OPEN_STATUSES.includes(row.status) ? row.dueAt : Infinity
	}));
	keyed.sort(
		(a, b) =>
			a.late - b.late || (a.due === b.due ? 0 : a.due - b.due) || b.row.createdAt - a.row.createdAt
	);
	return keyed.map((entry) => entry.row);
}

/** How many items are in each status, and how many are overdue. */
export function feedbackCounts(
	rows: readonly Pick<FeedbackRow, 'status' | 'dueAt'>[],
	now: number
): Record<FeedbackStatus, number> & { overdue: number } {
	const counts = { new: 0, acknowledged: 0, in_progress: 0, resolved: 0, closed: 0, overdue: 0 };
	for (const row of rows) {
		counts[row.status]++;
		if (isOverdue(row, now)) counts.overdue++;
	}
	return counts;
}
