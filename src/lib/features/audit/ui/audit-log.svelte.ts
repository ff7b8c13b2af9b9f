import { describeError } from '../../../domain/describe-error';
import type { AuditEntry } from '../audit-entries';
import { filterAudit, NO_AUDIT_FILTER, type AuditFilter } from '../audit-view';

/** The part of the workspace the log reads. */
export interface AuditSource {
	auditLog(): Promise<AuditEntry[]>;
}

/** How many entries a page shows before "Show more": enough for a month of a busy shop. */
export const AUDIT_PAGE = 100;

/** The log as the Settings page shows it: read from the worker, filtered, a page at a time. */
export class AuditLogView {
	entries = $state.raw<AuditEntry[] | null>(null);
	error = $state<string | null>(null);
	filter = $state<AuditFilter>({ ...NO_AUDIT_FILTER });
	limit = $state(AUDIT_PAGE);
	#asked = 0;

	readonly matching = $derived(this.entries ? filterAudit(this.entries, this.filter) : []);
	readonly shown = $derived(this.matching.slice(0, this.limit));

	constructor(private readonly source: AuditSource) {}

	/** Reads the log again; a late answer never overrides a later one. */
	async load(): Promise<void> {
		const asked = ++this.#asked;
		try {
			const entries = await this.source.auditLog();
			if (asked !== this.#asked) return;
			this.entries = entries;
			this.error = null;
		} catch (error) {
			if (asked === this.#asked) this.error = describeError(error);
		}
	}

	/** Members who wrote an entry, so the filter offers only people in the log. */
	readonly authors = $derived.by(() => {
		const seen: Record<string, true> = {};
		for (const entry of this.entries ?? []) seen[entry.by] = true;
		return Object.keys(seen);
	});

	setFilter(patch: Partial<AuditFilter>): void {
		this.filter = { ...this.filter, ...patch };
		this.limit = AUDIT_PAGE;
	}

	clearFilter(): void {
		this.setFilter(NO_AUDIT_FILTER);
	}

	showMore(): void {
		this.limit += AUDIT_PAGE;
	}
}
