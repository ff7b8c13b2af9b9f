/**
 * The data-quality issues, kept apart from their checks (which need the validation library) so
 * the customer list can name an issue without loading them on its first screen.
 */
export const QUALITY_ISSUES = [
	'noPhone',
	'noEmail',
	'unreachable',
	'invalidPhone',
	'invalidEmail',
	'noContactInYear'
] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

export function isQualityIssue(value: unknown): value is QualityIssue {
	return QUALITY_ISSUES.includes(value as QualityIssue);
}
