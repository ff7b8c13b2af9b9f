/**
 * The sensitive actions the audit log records (issue: privacy). Declared in the core because a
 * command names its action where it is declared; the log's entries and labels live in
 * features/audit.
 */
export const AUDIT_ACTIONS = [
	'export',
	'backup',
	'restore',
	'erase',
	'merge',
	'import',
	'bulkEdit',
	'delete',
	'points',
	'coupons',
	'syncFile',
	'teamJoin',
	'teamLeave',
	'secretRotation',
	'appLock',
	'kioskExit',
	'roles',
	'retention'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: unknown): value is AuditAction =>
	(AUDIT_ACTIONS as readonly unknown[]).includes(value);

/**
 * What the log says of one action besides who and when: never personal data, only a word for
 * what it touched (`what`: a command's or a file kind's name) and how many rows or records.
 */
export interface AuditFacts {
	action: AuditAction;
	what: string;
	rows?: number;
}

/** What the audit log's own writes carry: never undone, and told apart from a member's edits. */
export const AUDIT_ORIGIN = { audit: true };

/** The doc root of the audit log (its entries: features/audit/audit-entries.ts). */
export const AUDIT_ROOT = 'auditLog';
