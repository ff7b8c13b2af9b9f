import { splitList } from './customer';
import { phoneProblem } from './phone';
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

const YEAR_MS = 365 * 86_400_000;
const EmailSchema = v.pipe(v.string(), v.email());

const phones = (c: QualityCheckable) =>
	[c.phone, ...splitList(c.otherPhones ?? '')].filter(Boolean);
const emails = (c: QualityCheckable) =>
	[c.email, ...splitList(c.otherEmails ?? '')].filter(Boolean);

/**
 * Whether a customer has the issue. Invalid values can only come from elsewhere (a colleague's
 * older app, another program writing the shared doc), since the form and import refuse them.
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
			return phones(c).some((phone) => phoneProblem(phone) !== null);
		case 'invalidEmail':
			return emails(c).some((email) => !v.is(EmailSchema, email));
		case 'noContactInYear':
			return c.lastContactAt == null || now - c.lastContactAt > YEAR_MS;
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
