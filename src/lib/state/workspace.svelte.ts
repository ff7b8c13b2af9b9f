import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	inOneStep,
	updateCustomer,
	type CommandContext
} from '../crdt/customer-commands';
import {
	addPurchase,
	addTask,
	completeTask,
	deleteInteraction,
	deletePurchase,
	logInteraction,
	reopenTask,
	snoozeTask
} from '../crdt/activity-commands';
import {
	countFieldValues,
	createFieldDef,
	removeFieldDef,
	updateFieldDef
} from '../crdt/custom-field-commands';
import { createProduct, updateProduct } from '../crdt/product-commands';
import { setCurrency, type ShopCurrency } from '../crdt/shop-settings';
import { deleteTag, renameTag, setTagColor } from '../crdt/tag-commands';
import { createUndoManager } from '../crdt/undo';
import { mergeCustomers } from '../crdt/merge-commands';
import { setMemberProfile } from '../crdt/member-commands';
import { applyCountingCustomers } from '../crdt/apply-update';
import type { MemberProfile } from '../domain/member-profile';
import { writeChanges } from '../sync/sync-file';
import { stampSchemaVersion, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';
import type { InteractionFields, PurchaseFields, TaskFields } from '../domain/activity';
import type { CustomFieldDefInput } from '../domain/custom-fields';
import type { CustomerFields } from '../domain/customer';
import type { NewCatalogueProduct, ProductFields } from '../domain/product';
import type { TagColor } from '../domain/tags';
import type { CustomerImportPlan } from '../import/import-plan';
import { writeBackup } from '../backup/backup-file';
import { describeError } from '../domain/describe-error';
import { ProjectionDb, projectionDbName } from '../projection/db';
import type { Projector } from '../projection/projector';
import { connectTabs, type TabConnection } from '../sync/tab-channel';
import { loadMemberId } from './member';

const WORKSPACE_ID = 'main';
const DOC_DB_NAME = `clientbook-doc-${WORKSPACE_ID}`;
/** Marks a restored backup's changes: not this member's edits, so never undone by them. */
const RESTORE_ORIGIN = { restore: true };
/** Marks changes read from a colleague's sync file: theirs, so never undone here. */
const SYNC_FILE_ORIGIN = { syncFile: true };
/** Rows written per transaction during an import: small enough to keep each task short. */
const IMPORT_CHUNK = 1000;

/**
 * The open workspace in this tab: its doc (loaded from IndexedDB), its projection, and the
 * commands the UI calls. Reads never wait for the doc — the list renders from the projection
 * while the doc loads; commands wait until the doc is there.
 */
export class WorkspaceSession {
	status = $state<'opening' | 'ready' | 'failed'>('opening');
	failure = $state<string | null>(null);
	writeFailure = $state<string | null>(null);
	/** Set while the projection is being rebuilt from the doc (first open, new version). */
	rebuilding = $state<{ done: number; total: number } | null>(null);
	canUndo = $state(false);
	canRedo = $state(false);

	readonly db = new ProjectionDb(projectionDbName(WORKSPACE_ID));
	readonly ws: WorkspaceDoc = workspaceDoc(new Y.Doc());
	readonly memberId = loadMemberId();
	readonly #origin = { memberId: this.memberId };
	readonly #undo = createUndoManager(this.ws, this.#origin);
	readonly #ready: Promise<void>;
	#projector: Projector | null = null;
	#persistence: IndexeddbPersistence | null = null;
	#tabs: TabConnection | null = null;

	constructor() {
		const refreshUndoState = () => {
			this.canUndo = this.#undo.canUndo();
			this.canRedo = this.#undo.canRedo();
		};
		this.#undo.on('stack-item-added', refreshUndoState);
		this.#undo.on('stack-item-popped', refreshUndoState);
		this.#undo.on('stack-cleared', refreshUndoState);
		this.#ready = this.#open();
	}

	async #open(): Promise<void> {
		try {
			const persistence = new IndexeddbPersistence(DOC_DB_NAME, this.ws.doc);
			this.#persistence = persistence;
			await persistence.whenSynced;
			stampSchemaVersion(this.ws);
			// The projector brings the pinyin dictionary; load it off the first route's path.
			const { Projector } = await import('../projection/projector');
			this.#projector = new Projector(this.ws, this.db, {
				onWriteError: (error) => (this.writeFailure = describeError(error)),
				onWriteRecovered: () => (this.writeFailure = null),
				onRebuildProgress: (progress) => (this.rebuilding = progress)
			});
			await this.#projector.start();
			this.#tabs = connectTabs(this.ws.doc, `clientbook-tabs-${WORKSPACE_ID}`);
			this.status = 'ready';
		} catch (error) {
			this.failure = describeError(error);
			this.status = 'failed';
			throw error;
		}
	}

	whenReady(): Promise<void> {
		return this.#ready;
	}

	/** Resolves when every change so far is visible in the projection. */
	async settled(): Promise<void> {
		await this.#ready;
		await this.#projector?.idle();
	}

	get #context(): CommandContext {
		return { ws: this.ws, memberId: this.memberId, origin: this.#origin };
	}

	/** Runs a command once the doc is loaded; resolves when its change is in the projection. */
	async #run<T>(command: (ctx: CommandContext) => T): Promise<T> {
		await this.#ready;
		const result = command(this.#context);
		await this.#projector?.idle();
		return result;
	}

	createCustomer = (fields: CustomerFields) => this.#run((ctx) => createCustomer(ctx, fields));
	createCustomers = (fields: CustomerFields[]) => this.#run((ctx) => createCustomers(ctx, fields));
	updateCustomer = (id: string, patch: Partial<CustomerFields>) =>
		this.#run((ctx) => updateCustomer(ctx, id, patch));
	/** Several commands as one undo step; `commands` receives the context to call them with. */
	inOneStep = <T>(commands: (ctx: CommandContext) => T) =>
		this.#run((ctx) => inOneStep(ctx, () => commands(ctx)));
	createFieldDef = (input: CustomFieldDefInput) => this.#run((ctx) => createFieldDef(ctx, input));
	updateFieldDef = (id: string, input: CustomFieldDefInput) =>
		this.#run((ctx) => updateFieldDef(ctx, id, input));
	removeFieldDef = (id: string) => this.#run((ctx) => removeFieldDef(ctx, id));
	countFieldValues = async (id: string) => {
		await this.#ready;
		return countFieldValues(this.ws, id);
	};
	setTagColor = (tag: string, color: TagColor) => this.#run((ctx) => setTagColor(ctx, tag, color));
	renameTag = (from: string, to: string) => this.#run((ctx) => renameTag(ctx, from, to));
	deleteTag = (tag: string) => this.#run((ctx) => deleteTag(ctx, tag));
	createProduct = (fields: ProductFields) => this.#run((ctx) => createProduct(ctx, fields));
	updateProduct = (id: string, fields: ProductFields) =>
		this.#run((ctx) => updateProduct(ctx, id, fields));
	/**
	 * Records a purchase, first adding the products the user asked to put in the catalogue
	 * (keyed by line index); all in one undo step.
	 */
	addPurchaseWithNewProducts = (fields: PurchaseFields, newProducts: NewCatalogueProduct[]) =>
		this.#run((ctx) =>
			inOneStep(ctx, () => {
				const lines = fields.lines.map((line, i) => {
					const product = newProducts.find((candidate) => candidate.line === i);
					if (!product) return line;
					const created = createProduct(ctx, product.fields);
					return created.ok ? { ...line, productId: created.value } : line;
				});
				return addPurchase(ctx, { ...fields, lines });
			})
		);
	setCurrency = (currency: ShopCurrency) => this.#run((ctx) => setCurrency(ctx, currency));
	addPurchase = (fields: PurchaseFields) => this.#run((ctx) => addPurchase(ctx, fields));
	deletePurchase = (id: string) => this.#run((ctx) => deletePurchase(ctx, id));
	logInteraction = (fields: InteractionFields) => this.#run((ctx) => logInteraction(ctx, fields));
	deleteInteraction = (id: string) => this.#run((ctx) => deleteInteraction(ctx, id));
	addTask = (fields: TaskFields) => this.#run((ctx) => addTask(ctx, fields));
	completeTask = (id: string) => this.#run((ctx) => completeTask(ctx, id));
	reopenTask = (id: string) => this.#run((ctx) => reopenTask(ctx, id));
	snoozeTask = (id: string, until: string) => this.#run((ctx) => snoozeTask(ctx, id, until));

	/** Deletes, and returns a function that undoes exactly this delete while it is the last step. */
	async deleteCustomer(id: string) {
		await this.#ready;
		const result = deleteCustomer(this.#context, id);
		if (!result.ok) return { result, undoDelete: null };
		const undoStep = this.#undoOfLastStep();
		await this.settled();
		const undoDelete = () => {
			if (!undoStep())
				this.ws.doc.transact(() => this.ws.customers.get(id)?.delete('deletedAt'), this.#origin);
		};
		return { result, undoDelete };
	}

	/** Merges one customer into another; returns an undo for exactly this merge. */
	async mergeCustomers(keptId: string, mergedId: string, chosen: CustomerFields) {
		await this.#ready;
		const result = mergeCustomers(this.#context, keptId, mergedId, chosen);
		const undoMerge = result.ok ? this.#undoOfLastStep() : () => false;
		await this.settled();
		return { result, undoMerge };
	}

	/**
	 * A function that undoes the step just taken, as long as it is still the latest one (so an
	 * "Undo" button in a toast never undoes something the user did afterwards). Returns whether
	 * it did.
	 */
	#undoOfLastStep(): () => boolean {
		const step = this.#undo.undoStack.at(-1);
		return () => {
			if (!step || this.#undo.undoStack.at(-1) !== step) return false;
			this.#undo.undo();
			return true;
		};
	}

	/**
	 * Writes many items in chunks, yielding between them so the page stays responsive on 10,000
	 * rows, while the undo manager gathers every chunk into one step. Cancelling (through
	 * `signal`) takes back the chunks already written, so a cancelled import adds nothing.
	 */
	async #writeAsOneStep<T>(
		items: readonly T[],
		writeChunk: (ctx: CommandContext, chunk: readonly T[]) => void,
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	): Promise<{ cancelled: boolean; undoStep: () => boolean }> {
		await this.#ready;
		const timeout = this.#undo.captureTimeout;
		this.#undo.stopCapturing();
		this.#undo.captureTimeout = Number.POSITIVE_INFINITY;
		let wrote = false;
		try {
			for (let i = 0; i < items.length; i += IMPORT_CHUNK) {
				if (signal?.aborted) break;
				const chunk = items.slice(i, i + IMPORT_CHUNK);
				inOneStep(this.#context, () => writeChunk(this.#context, chunk));
				wrote = true;
				onProgress(Math.min(i + IMPORT_CHUNK, items.length), items.length);
				// Only yield: the projector batches whatever accumulates while it writes, so a big
				// import becomes a few large projection writes instead of one per chunk.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
		} finally {
			this.#undo.captureTimeout = timeout;
		}
		const undoStep = wrote ? this.#undoOfLastStep() : () => false;
		this.#undo.stopCapturing();
		if (signal?.aborted) {
			undoStep();
			await this.settled();
			return { cancelled: true, undoStep: () => false };
		}
		await this.settled();
		return { cancelled: false, undoStep };
	}

	/** Lets the projection get ready for a large import while the user matches columns. */
	async prepareForImport(): Promise<void> {
		await this.#ready;
		await this.#projector?.prepareForBulk();
	}

	/** Writes a customer import plan as one undo step (see #writeAsOneStep). */
	async importCustomers(
		plan: Pick<CustomerImportPlan, 'create' | 'update'>,
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	): Promise<
		| { ok: true; created: number; updated: number; failed: number; undoImport: () => boolean }
		| { ok: false; cancelled: true }
	> {
		type Op = { create: CustomerFields } | { update: CustomerImportPlan['update'][number] };
		const ops: Op[] = [
			...plan.create.map((create) => ({ create })),
			...plan.update.map((update) => ({ update }))
		];
		let created = 0;
		let updated = 0;
		let failed = 0;
		const { cancelled, undoStep } = await this.#writeAsOneStep(
			ops,
			(ctx, chunk) => {
				const creates = chunk.flatMap((op) => ('create' in op ? [op.create] : []));
				const result = createCustomers(ctx, creates);
				if (result.ok) created += result.value.length;
				else {
					// Rules changed since the check (a field removed meanwhile): keep the good rows.
					const bad = result.failures.map((failure) => failure.index);
					const retry = createCustomers(
						ctx,
						creates.filter((_, index) => !bad.includes(index))
					);
					created += retry.ok ? retry.value.length : 0;
					failed += bad.length;
				}
				for (const op of chunk) {
					if (!('update' in op)) continue;
					if (updateCustomer(ctx, op.update.id, op.update.patch).ok) updated++;
					else failed++;
				}
			},
			onProgress,
			signal
		);
		if (cancelled) return { ok: false, cancelled: true };
		return { ok: true, created, updated, failed, undoImport: undoStep };
	}

	/** Writes imported purchases as one undo step (see #writeAsOneStep). */
	async importPurchases(
		purchases: readonly PurchaseFields[],
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	): Promise<
		| { ok: true; created: number; failed: number; undoImport: () => boolean }
		| { ok: false; cancelled: true }
	> {
		let created = 0;
		let failed = 0;
		const { cancelled, undoStep } = await this.#writeAsOneStep(
			purchases,
			(ctx, chunk) => {
				for (const purchase of chunk) {
					if (addPurchase(ctx, purchase).ok) created++;
					else failed++;
				}
			},
			onProgress,
			signal
		);
		if (cancelled) return { ok: false, cancelled: true };
		return { ok: true, created, failed, undoImport: undoStep };
	}

	setMemberProfile = (profile: MemberProfile) => this.#run((ctx) => setMemberProfile(ctx, profile));

	/** A sync file for a colleague: what they lack since `since`, or everything. */
	async writeChanges(options: { memberName: string; since: Uint8Array | null; secret?: string }) {
		await this.#ready;
		return writeChanges(this.ws, { ...options, memberId: this.memberId });
	}

	/**
	 * Merges a colleague's sync file. Returns how many customers it added or changed, counted
	 * from the doc's own change events so a file already merged reports nothing new.
	 */
	async mergeColleagueChanges(update: Uint8Array): Promise<{ customersTouched: number }> {
		await this.#ready;
		const customersTouched = applyCountingCustomers(this.ws, update, SYNC_FILE_ORIGIN);
		await this.settled();
		return { customersTouched };
	}

	/** The whole workspace as a backup file, optionally encrypted with a passphrase. */
	async writeBackup(passphrase?: string) {
		await this.#ready;
		return writeBackup(this.ws, { passphrase });
	}

	/**
	 * Merges a backup into this archive the way a colleague's changes merge: everything from
	 * both is kept. Not an undo step: undoing would delete the backup's records for good, so a
	 * second restore of the same file could not bring them back.
	 */
	async mergeBackup(update: Uint8Array): Promise<void> {
		await this.#ready;
		Y.applyUpdate(this.ws.doc, update, RESTORE_ORIGIN);
		await this.settled();
	}

	/**
	 * Replaces the archive on this device with a backup: the stored doc and the projection are
	 * deleted, the backup is stored in their place, and the page reloads to open it. Other tabs
	 * are told to reload rather than merge their old copy back in.
	 */
	async replaceWithBackup(update: Uint8Array): Promise<void> {
		await this.#ready;
		this.#tabs?.announceReplaced();
		this.#projector?.stop();
		await this.#persistence?.clearData();
		this.db.close();
		await this.db.delete();
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, update, RESTORE_ORIGIN);
		const persistence = new IndexeddbPersistence(DOC_DB_NAME, fresh);
		await persistence.whenSynced;
		await persistence.destroy();
		// Read it back before the page reloads: a reload can abort a write still in flight, and
		// this proves the stored archive is the backup.
		const check = new Y.Doc();
		const reader = new IndexeddbPersistence(DOC_DB_NAME, check);
		await reader.whenSynced;
		const stored = Y.decodeStateVector(Y.encodeStateVector(check));
		await reader.destroy();
		const wanted = Y.decodeStateVector(Y.encodeStateVector(fresh));
		const complete = [...wanted].every(([client, clock]) => stored.get(client) === clock);
		if (!complete || stored.size !== wanted.size) {
			throw new Error('the restored archive could not be read back from storage');
		}
	}

	undo(): boolean {
		return this.#undo.undo() !== null;
	}

	redo(): boolean {
		return this.#undo.redo() !== null;
	}
}

let session: WorkspaceSession | null = null;

/** The tab's workspace, opened on first use (in the browser only). */
export function workspace(): WorkspaceSession {
	session ??= new WorkspaceSession();
	return session;
}
