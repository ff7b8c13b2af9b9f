import { splitList } from './customer';
import { calendarDaysBetween } from '../../../domain/dates';
import { phoneProblem } from './phone';
import { phoneCannotExist } from './phone-check';
import * as v from 'valibot';

import { QUALITY_ISSUES, type QualityIssue } from './quality-issues';

export { QUALITY_ISSUES, type QualityIssue };

export interface QualityCheckable {
	phone: string;
	otherPhones?: string;
	email: string;
	otherEmails?: string;
	wechat: string;
	/** Last purchase or interaction (ms), null when there was none. */
	lastContactAt?: number | null;
}

const EmailSchema = v.pipe(v.string(), v.email());

const phones = (c: QualityCheckable) =>
	[c.phone, ...splitList(c.otherPhones ?? '')].filter(Boolean);
const emails = (c: QualityCheckable) =>
	[c.email, ...splitList(c.otherEmails ?? '')].filter(Boolean);

/**
 * Whether a customer has the issue. A phone number "cannot be right" when the form would refuse
 * it (only a colleague's older app or another program can have written it) or when it cannot
 * exist, which the form and the import only warn about. Invalid emails the form refuses.
 */
export function hasQualityIssue(c: QualityCheckable, issue: QualityIssue, now: number): boolean {
	switch (issue) {
		case 'noPhone':
			return phones(c).length === 0;
		case 'noEmail':
			return emails(c).length === 0;
		case 'unreachable':
			return phones(c).length === 0 && emails(c).length === 0 && c.wechat.trim() === '';
		case 'invalidPhone':
			return phones(c).some((phone) => phoneProblem(phone) !== null || phoneCannotExist(phone));
		case 'invalidEmail':
			return emails(c).some((email) => !v.is(EmailSchema, email));
		case 'noContactInYear':
			return c.lastContactAt == null || calendarDaysBetween(c.lastContactAt, now) > 365;
	}
}

export function qualityCounts(
	customers: readonly QualityCheckable[],
	now: number
): Record<QualityIssue, number> {
	const counts = Object.fromEntries(QUALITY_ISSUES.map((issue) => [issue, 0])) as Record<
		QualityIssue,
		number
	>;
	for (const c of customers) {
		for (const issue of QUALITY_ISSUES) if (hasQualityIssue(c, issue, now)) counts[issue]++;
	}
	return counts;
}
