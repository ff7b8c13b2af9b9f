import type { JobProgress, Undo } from '../../../workspace/command-client';
import { FILE_LIMITS, oversize } from '../../../domain/file-limits';
import type { CustomFieldDef } from '../../custom-fields/rules/custom-fields';
import type { DuplicateCandidate } from '../../duplicates/rules/duplicates';
import { lacksName, suggestMapping, type ImportTarget } from '../column-mapping';
import type { AnalysedRow } from '../customer-import';
import { ImportFailure, ImportWorkerClient } from '../import-worker-client';
import { planCustomerImport, type DuplicateChoice } from '../import-plan';
import type { DayMonthOrder } from '../normalise';
import {
	looksLikePurchases,
	purchaseMappingGap,
	type PurchaseMappingGap,
	purchaseFingerprint,
	suggestPurchaseMapping,
	type AnalysedPurchase,
	type PurchaseTarget
} from '../purchase-import';
import type { ReadFileResult } from '../read-file';
import type { TextEncodingName } from '../text-encoding';
import type { ProjectionDb } from '../../../projection/db';
import { customerList } from '../../customers/ui/customer-list.svelte';
import type { WorkspaceSession } from '../../../state/workspace.svelte';
import {
	customerMappingWithPresets,
	purchaseMappingWithPresets,
	savePresets
} from './import-presets';

export type WizardStep = 'choose' | 'map' | 'review' | 'done';

export type ImportKind = 'customers' | 'purchases';

export interface ImportOutcome {
	kind: ImportKind;
	created: number;
	updated: number;
	skipped: number;
	rejected: number;
	failed: number;
	undoImport: () => Promise<boolean>;
}

/**
 * Times a phase of the import as a performance measure (`clientbook:import-<phase>`), which
 * the benchmark reads; it costs nothing when nobody looks.
 */
async function timed<T>(phase: 'read' | 'check' | 'write', work: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		return await work();
	} finally {
		performance.measure(`clientbook:import-${phase}`, { start: started, end: performance.now() });
	}
}

/**
 * The import wizard's state: the file as read, the column mapping, the checked rows and the
 * choices for duplicates. Reading and checking run in the import worker; writing goes through
 * the workspace commands as one undo step.
 */
export class ImportWizard {
	step = $state<WizardStep>('choose');
	/** What the file holds; guessed from its headers, and the user can change it. */
	kind = $state<ImportKind>('customers');
	purchaseMapping = $state<PurchaseTarget[]>([]);
	purchases = $state.raw<AnalysedPurchase[]>([]);
	fileName = $state('');
	read = $state.raw<ReadFileResult | null>(null);
	mapping = $state<ImportTarget[]>([]);
	usedPreset = $state(false);
	dayMonthOrder = $state<DayMonthOrder>('dmy');
	rows = $state.raw<AnalysedRow[]>([]);
	defaultChoice = $state<DuplicateChoice>('skip');
	rowChoices = $state<Record<number, DuplicateChoice>>({});
	/** Work under way, for the progress bar; null when idle. */
	progress = $state<{
		phase: 'reading' | 'checking' | 'writing';
		done: number;
		total: number;
	} | null>(null);
	error = $state<string | null>(null);
	/** With the error 'tooLarge': the file's size and the import's limit, for the message. */
	tooLarge = $state.raw<{ size: number; limit: number } | null>(null);
	outcome = $state.raw<ImportOutcome | null>(null);

	#bytes: ArrayBuffer | null = null;
	#client = new ImportWorkerClient();
	#abort: AbortController | null = null;

	constructor(
		private readonly session: WorkspaceSession,
		private readonly db: ProjectionDb,
		private readonly fieldDefs: () => CustomFieldDef[]
	) {}

	get ready() {
		return this.rows.filter((row) => row.status === 'ready').length;
	}
	get rejected() {
		return this.rows.filter((row) => row.status === 'rejected');
	}
	get matched() {
		return this.rows.filter((row) => row.status !== 'rejected' && row.match);
	}

	choiceFor(row: AnalysedRow): DuplicateChoice {
		return this.rowChoices[row.line] ?? this.defaultChoice;
	}

	async chooseFile(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		// Before a byte is read: a file far too large would fill the tab's memory first.
		const over = oversize('import', file.size);
		if (over) {
			this.#bytes = null;
			this.tooLarge = over;
			this.error = 'tooLarge';
			return;
		}
		this.#bytes = await file.arrayBuffer();
		void this.session.prepareForImport().catch(() => undefined);
		await this.#readFile({});
	}

	/** Reads the file again with another encoding or sheet the user picked. */
	async reread(choice: { encoding?: TextEncodingName; sheet?: string }): Promise<void> {
		await this.#readFile(choice);
	}

	async #readFile(choice: { encoding?: TextEncodingName; sheet?: string }): Promise<void> {
		if (!this.#bytes) return;
		this.error = null;
		this.progress = { phase: 'reading', done: 0, total: 1 };
		try {
			// The worker gets a copy: the original stays here for re-reading with other choices.
			const bytes = this.#bytes;
			const result = await timed('read', () =>
				this.#client.read(bytes.slice(0), this.fileName, choice)
			);
			this.read = result;
			const { headers } = result.table;
			const customers = customerMappingWithPresets(
				headers,
				suggestMapping(headers, this.fieldDefs()),
				this.fieldDefs()
			);
			this.mapping = customers.mapping;
			this.usedPreset = customers.usedPreset;
			this.purchaseMapping = purchaseMappingWithPresets(headers, suggestPurchaseMapping(headers));
			// Keep the user's choice when re-reading with another encoding or sheet.
			if (!choice.encoding && !choice.sheet) {
				this.kind = looksLikePurchases(result.table.headers) ? 'purchases' : 'customers';
			}
			this.step = 'map';
		} catch (error) {
			this.#fail(error);
		} finally {
			this.progress = null;
		}
	}

	savePreset(): void {
		if (!this.read) return;
		savePresets(
			this.read.table.headers,
			this.kind === 'purchases'
				? { kind: 'purchases', mapping: this.purchaseMapping }
				: { kind: 'customers', mapping: this.mapping }
		);
	}

	/** What the mapping lacks before rows can be checked (null when nothing). */
	get missingColumn(): 'name' | PurchaseMappingGap | null {
		if (this.kind === 'customers') return lacksName(this.mapping) ? 'name' : null;
		return purchaseMappingGap(this.purchaseMapping);
	}

	async check(): Promise<void> {
		await timed('check', () => this.#check());
	}

	async #check(): Promise<void> {
		if (!this.read) return;
		this.error = null;
		const total = this.read.table.rows.length;
		this.progress = { phase: 'checking', done: 0, total };
		try {
			const existing = await this.#existingCandidates();
			if (this.kind === 'purchases') {
				const fingerprints = (await this.session.allPurchases()).map(purchaseFingerprint);
				this.purchases = await this.#client.analysePurchases(
					this.read.table,
					{
						mapping: $state.snapshot(this.purchaseMapping),
						dayMonthOrder: this.dayMonthOrder,
						customers: existing,
						existing: fingerprints
					},
					(done) => (this.progress = { phase: 'checking', done, total })
				);
				this.step = 'review';
				return;
			}
			this.rows = await this.#client.analyse(
				this.read.table,
				{
					mapping: $state.snapshot(this.mapping),
					dayMonthOrder: this.dayMonthOrder,
					fieldDefs: this.fieldDefs().map((def) => ({ ...def, options: [...def.options] })),
					existing
				},
				(done) => (this.progress = { phase: 'checking', done, total })
			);
			this.rowChoices = {};
			this.step = 'review';
		} catch (error) {
			this.#fail(error);
		} finally {
			this.progress = null;
		}
	}

	async #existingCandidates(): Promise<DuplicateCandidate[]> {
		const rows = await customerList.allRows(this.db);
		return rows.map(({ id, name, phone, otherPhones, email, otherEmails, wechat }) => ({
			id,
			name,
			phone,
			otherPhones: otherPhones ?? '',
			email,
			otherEmails: otherEmails ?? '',
			wechat
		}));
	}

	async run(): Promise<void> {
		const resume = customerList.pauseUpdates();
		try {
			await timed('write', () => this.#run());
		} finally {
			resume();
		}
	}

	async #run(): Promise<void> {
		this.error = null;
		if (this.kind === 'purchases') return this.#runPurchases();
		const ids = Object.keys(Object.fromEntries(this.matched.map((row) => [row.match!.id, true])));
		const stored = await this.db.customers.bulkGet(ids);
		const existing = Object.fromEntries(
			ids.flatMap((id, i) => (stored[i] ? [[id, stored[i]] as const] : []))
		);
		const plan = planCustomerImport(
			this.rows,
			(row) => this.choiceFor(row),
			(id) => existing[id] ?? null
		);
		await this.#write(
			plan.create.length + plan.update.length,
			(progress) => this.session.jobs.importCustomers(plan, progress),
			({ result, undo }) => ({
				kind: 'customers',
				created: result.created,
				updated: result.updated,
				failed: result.failed,
				skipped: plan.skipped,
				rejected: plan.rejected,
				undoImport: undo
			})
		);
	}

	async #runPurchases(): Promise<void> {
		const ready = this.purchases.flatMap((row) =>
			row.status === 'ready' && row.purchase ? [row.purchase] : []
		);
		await this.#write(
			ready.length,
			(progress) => this.session.jobs.importPurchases(ready, progress),
			({ result, undo }) => ({
				kind: 'purchases',
				created: result.created,
				updated: 0,
				failed: result.failed,
				skipped: this.purchases.filter((row) => row.status === 'duplicate').length,
				rejected: this.purchases.filter((row) => row.status === 'rejected').length,
				undoImport: undo
			})
		);
	}

	/** Runs a write with progress and Cancel, and ends on the summary when it was not cancelled. */
	async #write<R>(
		total: number,
		write: (
			progress: JobProgress
		) => Promise<{ cancelled: true } | { cancelled: false; result: R; undo: Undo }>,
		summarise: (written: { result: R; undo: Undo }) => ImportOutcome
	): Promise<void> {
		this.progress = { phase: 'writing', done: 0, total };
		this.#abort = new AbortController();
		try {
			const written = await write({
				onProgress: (done) => (this.progress = { phase: 'writing', done, total }),
				signal: this.#abort.signal
			});
			if (written.cancelled) return;
			this.outcome = summarise(written);
			this.step = 'done';
		} catch (error) {
			this.#fail(error);
		} finally {
			this.progress = null;
			this.#abort = null;
		}
	}

	/** Stops what is under way; nothing read or written so far is kept. */
	cancel(): void {
		if (this.progress?.phase === 'writing') this.#abort?.abort();
		else {
			this.#client.cancel();
			this.progress = null;
		}
	}

	#fail(error: unknown): void {
		if (error instanceof ImportFailure && error.reason === 'cancelled') return;
		this.error = error instanceof ImportFailure ? error.reason : 'unexpected';
		if (this.error === 'tooLarge' && !this.tooLarge) {
			this.tooLarge = { size: this.#bytes?.byteLength ?? 0, limit: FILE_LIMITS.import };
		}
		console.error(error);
	}

	reset(): void {
		this.step = 'choose';
		this.read = null;
		this.rows = [];
		this.purchases = [];
		this.mapping = [];
		this.purchaseMapping = [];
		this.rowChoices = {};
		this.outcome = null;
		this.error = null;
		this.tooLarge = null;
	}

	dispose(): void {
		this.#client.dispose();
	}
}
