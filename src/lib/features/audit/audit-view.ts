import type { AuditAction } from '../../core/audit-action';
import { localDateKey } from '../../domain/dates';
import type { AuditEntry } from './audit-entries';

/** What the log is narrowed to: '' for any; days are local calendar days, both ends included. */
export interface AuditFilter {
	action: AuditAction | '';
	member: string;
	from: string;
	to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { action: '', member: '', from: '', to: '' };

export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
	return entries.filter((entry) => {
		if (filter.action && entry.action !== filter.action) return false;
		if (filter.member && entry.by !== filter.member) return false;
		if (!filter.from && !filter.to) return true;
		const day = localDateKey(entry.at);
		return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
	});
}

/** The labels a table of the log is written with, in the reader's language. */
export interface AuditWords {
	headers: readonly [string, string, string, string, string, string];
	action(action: AuditAction): string;
	member(id: string): string;
	time(at: number): string;
}

/** The log as a table (for a CSV file): one row per entry, in the order given. */
export function auditTable(entries: readonly AuditEntry[], words: AuditWords): string[][] {
	return [
		[...words.headers],
		...entries.map((entry) => [
			words.time(entry.at),
			words.member(entry.by),
			entry.device,
			words.action(entry.action),
			entry.what,
			entry.rows === undefined ? '' : String(entry.rows)
		])
	];
}
