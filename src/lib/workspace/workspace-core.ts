import type { IndexeddbPersistence } from 'y-indexeddb';
import { DurablePersistence } from './durable-persistence';
import { ArchiveUnchangedError, replaceStoredArchive } from './stored-replacement';
import * as Y from 'yjs';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	inOneStep,
	recentlyDeletedCustomers,
	restoreCustomer,
	updateCustomer,
	type CommandContext
} from '../crdt/customer-commands';
import {
	addPurchase,
	addTask,
	completeTask,
	deleteInteraction,
	deletePurchase,
	editInteraction,
	editPurchase,
	logInteraction,
	reopenTask,
	restoreInteraction,
	restorePurchase,
	snoozeTask
} from '../crdt/activity-commands';
import {
	countFieldValues,
	createFieldDef,
	removeFieldDef,
	updateFieldDef
} from '../crdt/custom-field-commands';
import {
	createProduct,
	deleteProduct,
	mergeProducts,
	productSaleCounts,
	setProductActive,
	updateProduct
} from '../crdt/product-commands';
import { readCurrency, setCurrency, type ShopCurrency } from '../crdt/shop-settings';
import { deleteTag, renameTag, setTagColor } from '../crdt/tag-commands';
import { createUndoManager } from '../crdt/undo';
import { liveEventValue } from '../crdt/event-tombstones';
import { setMemberProfile } from '../crdt/member-commands';
import type { MemberProfile } from '../domain/member-profile';
import { stampSchemaVersion, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';
import {
	validatePurchase,
	type InteractionFields,
	type PurchaseFields,
	type TaskFields
} from '../domain/activity';
import type { CustomFieldDefInput } from '../domain/custom-fields';
import type { CustomerFields } from '../domain/customer';
import { productNameKey, type NewCatalogueProduct, type ProductFields } from '../domain/product';
import type { TagColor } from '../domain/tags';
import type { CustomerImportPlan } from '../import/import-plan';
import { describeError } from '../domain/describe-error';
import { ProjectionDb } from '../projection/db';
import type { Projector, RebuildProgress, UnwrittenCustomers } from '../projection/projector';
import { productNames } from '../projection/activity-queries';
import type { InteractionRow, PurchaseRow } from '../projection/db';
import type { CustomerEvents, DeletedEvents } from '../projection/event-index';
import type { DeletedCustomer } from '../crdt/customer-commands';
import { connectTabs, type TabConnection } from '../sync/tab-channel';
import type { DocPort } from '../sync/doc-link';
import { serveRemoteSync } from '../sync/remote-sync-server';
import { streamStoredState } from '../crdt/stored-state';

/** Marks a restored backup's changes: not this member's edits, so never undone by them. */
const RESTORE_ORIGIN = { restore: true };
/** Marks changes read from a colleague's sync file: theirs, so never undone here. */
const SYNC_FILE_ORIGIN = { syncFile: true };
/** Rows written per transaction during an import: small enough to keep each task short. */
const IMPORT_CHUNK = 1000;

/**
 * How many of the latest sales name the products suggested while recording one: enough to cover
 * what the shop sells now without reading every purchase.
 */
const RECENT_SALES = 500;

/** What the UI shows of the workspace; sent to the page whenever part of it changes. */
export interface WorkspaceView {
	status: 'opening' | 'ready' | 'failed';
	failure: string | null;
	writeFailure: string | null;
	/**
	 * Why the doc's own storage refused the latest changes, while they wait in memory to be
	 * stored (see DurablePersistence); null once everything is stored.
	 */
	storageFailure: string | null;
	/** Set while the projection is being rebuilt from the doc (first open, new version). */
	rebuilding: RebuildProgress | null;
	/** Customers' rows the projection could not take yet (see `UnwrittenCustomers`). */
	unwrittenCustomers: UnwrittenCustomers | null;
	canUndo: boolean;
	canRedo: boolean;
	currency: ShopCurrency;
	/** Moves on whenever purchases or interactions change: screens showing them read again. */
	eventsVersion: number;
}

export interface WorkspaceNames {
	docDbName: string;
	projectionDbName: string;
	tabChannelName: string;
}

export interface WorkspaceEvents {
	onView(patch: Partial<WorkspaceView>): void;
	/** Another tab replaced the archive on disk: this page must reload rather than merge. */
	onReplacedElsewhere(): void;
}

/** A long write's progress and its cancel switch. */
export interface WorkspaceJob {
	onProgress(done: number, total: number): void;
	signal: AbortSignal;
}

/**
 * The workspace's doc (loaded from IndexedDB), its projector and the commands that change it.
 * It runs in a Web Worker, so decoding a large archive and projecting it never block the page;
 * the page reads the projection through its own Dexie connection and calls these commands
 * through `workspace-rpc`. Undo steps the page may trigger later are handed out as tokens.
 */
export class WorkspaceCore {
	readonly ws: WorkspaceDoc = workspaceDoc(new Y.Doc());
	readonly #db: ProjectionDb;
	readonly #origin: { memberId: string };
	readonly #undo: Y.UndoManager;
	readonly #ready: Promise<void>;
	readonly #undoSteps = new Map<number, () => boolean>();
	#nextUndoToken = 1;
	#projector: Projector | null = null;
	#eventsVersion = 0;
	#persistence: DurablePersistence | null = null;
	#tabs: TabConnection | null = null;

	constructor(
		readonly memberId: string,
		readonly names: WorkspaceNames,
		readonly events: WorkspaceEvents
	) {
		this.#db = new ProjectionDb(names.projectionDbName);
		this.#origin = { memberId };
		this.#undo = createUndoManager(this.ws, this.#origin);
		const refreshUndoState = () =>
			events.onView({ canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
		this.#undo.on('stack-item-added', refreshUndoState);
		this.#undo.on('stack-item-popped', refreshUndoState);
		this.#undo.on('stack-cleared', refreshUndoState);
		this.#ready = this.#open();
	}

	async #open(): Promise<void> {
		const openedAt = performance.now();
		try {
			await this.#loadDoc();
			stampSchemaVersion(this.ws);
			const showCurrency = () => this.events.onView({ currency: readCurrency(this.ws) });
			this.ws.meta.observe(showCurrency);
			showCurrency();
			// The projector brings the pinyin dictionary; load it only once the doc is here.
			const { Projector } = await import('../projection/projector');
			this.#projector = new Projector(this.ws, this.#db, {
				onWriteError: (error) => this.events.onView({ writeFailure: describeError(error) }),
				onWriteRecovered: () => this.events.onView({ writeFailure: null }),
				onRebuildProgress: (progress) => this.events.onView({ rebuilding: progress }),
				onEventsChanged: () => this.events.onView({ eventsVersion: ++this.#eventsVersion }),
				onUnwrittenCustomers: (unwritten) => this.events.onView({ unwrittenCustomers: unwritten })
			});
			await this.#projector.start();
			this.#tabs = connectTabs(this.ws.doc, this.names.tabChannelName, () => {
				this.#projector?.stop();
				this.events.onReplacedElsewhere();
			});
			performance.measure('clientbook:workspace-open', { start: openedAt });
			this.events.onView({ status: 'ready' });
		} catch (error) {
			this.events.onView({ status: 'failed', failure: describeError(error) });
			throw error;
		}
	}

	/**
	 * Loads the stored doc. y-indexeddb listens for the doc's updates to store them, and while
	 * anything listens Yjs re-encodes every transaction as an update, the whole archive included
	 * when it is loaded (a third of the load at 10,000 customers). Loading changes nothing to
	 * store, so the listener waits until the doc is in.
	 */
	async #loadDoc(): Promise<void> {
		const persistence = new DurablePersistence(this.names.docDbName, this.ws.doc, {
			onFailure: (error) => this.events.onView({ storageFailure: describeError(error) }),
			onRecovered: () => {
				this.events.onView({ storageFailure: null });
				// The projection's writes go to the same disk: what it could not write, it writes now.
				this.#projector?.retry();
			}
		});
		this.#persistence = persistence;
		try {
			await Promise.race([persistence.whenSynced, storageFailure(persistence)]);
		} finally {
			persistence.storeUpdates(true);
		}
	}

	whenReady(): Promise<void> {
		return this.#ready;
	}

	/** The open projector; once the archive is open, there always is one. */
	async #openProjector(): Promise<Projector> {
		await this.#ready;
		if (!this.#projector) throw new Error('the archive is closed');
		return this.#projector;
	}

	/**
	 * One customer's purchases and interactions. They are read from the doc, which only this
	 * worker holds, rather than from the projection (see EventIndex).
	 */
	async eventsOf(customerId: string): Promise<CustomerEvents> {
		return (await this.#openProjector()).eventsOf(customerId);
	}

	/** One customer's purchases and interactions deleted in the last 30 days. */
	async deletedEventsOf(customerId: string): Promise<DeletedEvents> {
		return (await this.#openProjector()).deletedEventsOf(customerId, Date.now());
	}

	/** Customers deleted in the last 30 days, latest first. */
	async recentlyDeletedCustomers(): Promise<DeletedCustomer[]> {
		await this.#ready;
		return recentlyDeletedCustomers(this.ws, Date.now());
	}

	async allPurchases(): Promise<PurchaseRow[]> {
		return (await this.#openProjector()).allPurchases();
	}

	async allInteractions(): Promise<InteractionRow[]> {
		return (await this.#openProjector()).allInteractions();
	}

	/** Products of the latest sales, to suggest while recording one. */
	async recentProductNames(): Promise<string[]> {
		return productNames((await this.#openProjector()).latestPurchases(RECENT_SALES));
	}

	/**
	 * Resolves when every change so far is visible in the projection and storage has answered
	 * for it: a refusal has reached the page (as `storageFailure`) before any result that follows,
	 * so nothing is reported saved that is not.
	 */
	async settled(): Promise<void> {
		await this.#ready;
		await this.#projector?.idle();
		await this.#persistence?.confirmed();
	}

	get #context(): CommandContext {
		return { ws: this.ws, memberId: this.memberId, origin: this.#origin };
	}

	/** Runs a command once the doc is loaded; resolves when its change is in the projection. */
	async #run<T>(command: (ctx: CommandContext) => T): Promise<T> {
		await this.#ready;
		const result = command(this.#context);
		await this.settled();
		return result;
	}

	createCustomer = (fields: CustomerFields) => this.#run((ctx) => createCustomer(ctx, fields));
	createCustomers = (fields: CustomerFields[]) => this.#run((ctx) => createCustomers(ctx, fields));
	updateCustomer = (id: string, patch: Partial<CustomerFields>) =>
		this.#run((ctx) => updateCustomer(ctx, id, patch));
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
	setProductActive = (id: string, active: boolean) =>
		this.#run((ctx) => setProductActive(ctx, id, active));
	mergeProducts = (keptId: string, mergedIds: string[]) =>
		this.#run((ctx) => mergeProducts(ctx, keptId, mergedIds));
	deleteProduct = (id: string) => this.#run((ctx) => deleteProduct(ctx, id));
	/** Sales per catalogue product (a merged product's count with the one it was merged into). */
	productSaleCounts = async (): Promise<Record<string, number>> => {
		await this.#ready;
		return Object.fromEntries(productSaleCounts(this.ws));
	};
	/**
	 * Records a purchase, first adding the products the user asked to put in the catalogue
	 * (keyed by line index); all in one undo step.
	 */
	addPurchaseWithNewProducts = (fields: PurchaseFields, newProducts: NewCatalogueProduct[]) =>
		this.#run((ctx) =>
			inOneStep(ctx, () => addPurchase(ctx, withNewProducts(ctx, fields, newProducts)))
		);
	setCurrency = (currency: ShopCurrency) => this.#run((ctx) => setCurrency(ctx, currency));
	addPurchase = (fields: PurchaseFields) => this.#run((ctx) => addPurchase(ctx, fields));
	deletePurchase = (id: string) => this.#run((ctx) => deletePurchase(ctx, id));
	restorePurchase = (id: string) => this.#run((ctx) => restorePurchase(ctx, id));
	/** Changes a purchase, first adding the products asked for (as when recording one). */
	editPurchase = (id: string, fields: PurchaseFields, newProducts: NewCatalogueProduct[] = []) =>
		this.#run((ctx) =>
			inOneStep(ctx, () => {
				// A refused edit writes nothing, so it must not add the products it asked for either.
				if (!validatePurchase(fields).ok || liveEventValue(ctx.ws, 'purchases', id) === undefined)
					return editPurchase(ctx, id, fields);
				return editPurchase(ctx, id, withNewProducts(ctx, fields, newProducts));
			})
		);
	logInteraction = (fields: InteractionFields) => this.#run((ctx) => logInteraction(ctx, fields));
	deleteInteraction = (id: string) => this.#run((ctx) => deleteInteraction(ctx, id));
	restoreInteraction = (id: string) => this.#run((ctx) => restoreInteraction(ctx, id));
	editInteraction = (id: string, fields: InteractionFields) =>
		this.#run((ctx) => editInteraction(ctx, id, fields));
	restoreCustomer = (id: string) => this.#run((ctx) => restoreCustomer(ctx, id));
	addTask = (fields: TaskFields) => this.#run((ctx) => addTask(ctx, fields));
	completeTask = (id: string) => this.#run((ctx) => completeTask(ctx, id));
	reopenTask = (id: string) => this.#run((ctx) => reopenTask(ctx, id));
	snoozeTask = (id: string, until: string) => this.#run((ctx) => snoozeTask(ctx, id, until));
	setMemberProfile = (profile: MemberProfile) => this.#run((ctx) => setMemberProfile(ctx, profile));

	/** The demo shop in the UI's language, one undo step; refused while it is already here. */
	async loadDemoShop(customerCount: number, language: import('../demo/demo-size').DemoLanguage) {
		const { createDemoShop } = await import('../demo/demo-commands');
		return this.#undoableStep((ctx) => createDemoShop(ctx, customerCount, language));
	}
	/** Whether the archive is empty and whether the demo's records are in it. */
	demoShopStatus = async () => (await this.#demoRecords()).demoShopStatus(this.ws);
	/** What "Remove the demo data" would remove, and which demo records the shop worked with. */
	demoRemovalPlan = async () => (await this.#demoRecords()).demoRemovalPlan(this.ws);
	removeDemoShop = async () => this.#undoableStep((await this.#demoRecords()).removeDemoShop);
	async #demoRecords() {
		await this.#ready;
		return import('../demo/demo-records');
	}

	/**
	 * Runs a command that writes in one transaction, and hands out a token that undoes exactly
	 * that step. The command must write nothing when it answers `ok: false`.
	 */
	async #undoableStep<T extends { ok: boolean }>(command: (ctx: CommandContext) => T) {
		await this.#ready;
		const result = command(this.#context);
		const undoToken = result.ok ? this.#keepUndoStep(this.#undoOfLastStep()) : null;
		await this.settled();
		return { result, undoToken };
	}

	/** Deletes; the token undoes exactly this delete (see `undoStep`). */
	async deleteCustomer(id: string) {
		await this.#ready;
		const result = deleteCustomer(this.#context, id);
		if (!result.ok) return { result, undoToken: null };
		const undoStep = this.#undoOfLastStep();
		const undoToken = this.#keepUndoStep(() => {
			if (!undoStep())
				this.ws.doc.transact(() => this.ws.customers.get(id)?.delete('deletedAt'), this.#origin);
			return true;
		});
		await this.settled();
		return { result, undoToken };
	}

	/** Merges one customer into another; the token undoes exactly this merge. */
	async mergeCustomers(keptId: string, mergedId: string, chosen: CustomerFields) {
		const { mergeCustomers } = await import('../crdt/merge-commands');
		await this.#ready;
		const result = mergeCustomers(this.#context, keptId, mergedId, chosen);
		const undoToken = result.ok ? this.#keepUndoStep(this.#undoOfLastStep()) : null;
		await this.settled();
		return { result, undoToken };
	}

	/** Runs an undo handed out earlier; false when it no longer applies. */
	async undoStep(token: number): Promise<boolean> {
		const step = this.#undoSteps.get(token);
		if (!step) return false;
		this.#undoSteps.delete(token);
		const undone = step();
		await this.settled();
		return undone;
	}

	#keepUndoStep(step: () => boolean): number {
		const token = this.#nextUndoToken++;
		this.#undoSteps.set(token, step);
		return token;
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
	 * Writes many items in chunks, yielding between them so cancelling can be heard, while the
	 * undo manager gathers every chunk into one step. Cancelling takes back the chunks already
	 * written, so a cancelled import adds nothing.
	 */
	async #writeAsOneStep<T>(
		items: readonly T[],
		writeChunk: (ctx: CommandContext, chunk: readonly T[]) => void,
		job: WorkspaceJob
	): Promise<{ cancelled: boolean; undoToken: number | null }> {
		await this.#ready;
		const timeout = this.#undo.captureTimeout;
		this.#undo.stopCapturing();
		this.#undo.captureTimeout = Number.POSITIVE_INFINITY;
		let wrote = false;
		try {
			for (let i = 0; i < items.length; i += IMPORT_CHUNK) {
				if (job.signal.aborted) break;
				const chunk = items.slice(i, i + IMPORT_CHUNK);
				inOneStep(this.#context, () => writeChunk(this.#context, chunk));
				wrote = true;
				job.onProgress(Math.min(i + IMPORT_CHUNK, items.length), items.length);
				// Only yield: the projector batches whatever accumulates while it writes, so a big
				// import becomes a few large projection writes instead of one per chunk.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
		} finally {
			this.#undo.captureTimeout = timeout;
		}
		const undoStep = wrote ? this.#undoOfLastStep() : () => false;
		this.#undo.stopCapturing();
		if (job.signal.aborted) {
			undoStep();
			await this.settled();
			return { cancelled: true, undoToken: null };
		}
		await this.settled();
		return { cancelled: false, undoToken: this.#keepUndoStep(undoStep) };
	}

	/** Lets the projection get ready for a large import while the user matches columns. */
	async prepareForImport(): Promise<void> {
		await this.#ready;
		this.#projector?.prepareForBulk();
	}

	/** Writes a customer import plan as one undo step (see #writeAsOneStep). */
	async importCustomers(
		plan: Pick<CustomerImportPlan, 'create' | 'update'>,
		job: WorkspaceJob
	): Promise<
		| { ok: true; created: number; updated: number; failed: number; undoToken: number | null }
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
		const { cancelled, undoToken } = await this.#writeAsOneStep(
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
			job
		);
		if (cancelled) return { ok: false, cancelled: true };
		return { ok: true, created, updated, failed, undoToken };
	}

	/** Writes imported purchases as one undo step (see #writeAsOneStep). */
	async importPurchases(
		purchases: readonly PurchaseFields[],
		job: WorkspaceJob
	): Promise<
		| { ok: true; created: number; failed: number; undoToken: number | null }
		| { ok: false; cancelled: true }
	> {
		let created = 0;
		let failed = 0;
		const { cancelled, undoToken } = await this.#writeAsOneStep(
			purchases,
			(ctx, chunk) => {
				for (const purchase of chunk) {
					if (addPurchase(ctx, purchase).ok) created++;
					else failed++;
				}
			},
			job
		);
		if (cancelled) return { ok: false, cancelled: true };
		return { ok: true, created, failed, undoToken };
	}

	/** A sync file for a colleague: what they lack since `since`, or everything. */
	async writeChanges(options: { memberName: string; since: Uint8Array | null; secret?: string }) {
		const { writeChanges } = await import('../sync/sync-file');
		await this.#ready;
		return writeChanges(this.ws, { ...options, memberId: this.memberId });
	}

	/**
	 * Merges a colleague's sync file. Returns how many customers it added or changed, counted
	 * from the doc's own change events so a file already merged reports nothing new.
	 */
	async mergeColleagueChanges(update: Uint8Array): Promise<{ customersTouched: number }> {
		const { applyCountingCustomers } = await import('../crdt/apply-update');
		await this.#ready;
		const customersTouched = applyCountingCustomers(this.ws, update, SYNC_FILE_ORIGIN);
		await this.settled();
		return { customersTouched };
	}

	/** The whole workspace as a backup file, optionally encrypted with a passphrase. */
	async writeBackup(passphrase: string | undefined) {
		const { writeBackup } = await import('../backup/backup-file');
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
	 * Replaces the archive on this device with a backup; the page then reloads to open it. The
	 * backup is written and read back beside the stored archive before it takes that archive's
	 * place in one transaction (see stored-replacement.ts): when that fails, nothing has changed
	 * and this archive keeps working (`replaced: false`, with the reason). Other tabs are told
	 * to reload rather than merge their old copy back in.
	 */
	async replaceWithBackup(
		update: Uint8Array
	): Promise<{ replaced: true } | { replaced: false; reason: string }> {
		await this.#ready;
		const persistence = this.#persistence;
		if (!persistence?.db) throw new Error('the archive’s storage is closed');
		const resume = await persistence.pause();
		try {
			await replaceStoredArchive(persistence.db, this.names.docDbName, update);
		} catch (error) {
			if (!(error instanceof ArchiveUnchangedError)) throw error;
			resume();
			return { replaced: false, reason: describeError(error.reason) };
		}
		this.#tabs?.announceReplaced();
		this.#projector?.stop();
		await persistence.destroy();
		this.#persistence = null;
		// The projection is of the old archive: the reload rebuilds it from the backup (it would
		// anyway, its state no longer matching, but a deleted one cannot be shown meanwhile).
		this.#db.close();
		await this.#db.delete().catch(() => undefined);
		return { replaced: true };
	}

	/**
	 * Answers the team's transports, which live in the page (only it has WebRTC), against this
	 * doc: see `remote-sync-server.ts`. Their changes arrive as a colleague's would, never undone
	 * here. The page ends the link. It returns at once, so the page can shake hands with the team
	 * while the archive opens; messages wait in the port until the doc is loaded and can answer.
	 */
	async linkRemoteSync(port: DocPort): Promise<void> {
		void this.#ready.then(() => this.#serveRemoteSync(port));
	}

	#serveRemoteSync(port: DocPort): void {
		serveRemoteSync(this.ws.doc, port, {
			stored: () => this.#stored(),
			projected: () => this.settled(),
			// Served only once the archive is open, so the projector is there (or closed: no hold).
			holdRebuilds: () => this.#projector?.holdRebuilds() ?? (() => undefined),
			streamStored: (onUpdate) => {
				const db = this.#persistence?.db;
				if (!db) return Promise.reject(new Error('the archive is not stored on this device'));
				// Changes still waiting to be stored would be missing from what is read: the
				// colleague is then answered from the doc itself.
				if (this.#persistence!.unstored > 0) {
					return Promise.reject(new Error('some changes are not stored yet'));
				}
				return streamStoredState(db, onUpdate);
			}
		});
	}

	/**
	 * Resolves once every change so far is stored: while storage refuses them, only when it
	 * takes them again (a colleague's sync is then said received, not before, and not never).
	 */
	async #stored(): Promise<void> {
		await this.#persistence?.whenStored();
	}

	/** Tries the changes storage refused again now (the user freed space). */
	async retryStorage(): Promise<boolean> {
		await this.#ready;
		this.#projector?.retry();
		return (await this.#persistence?.retryNow()) === null;
	}

	async undo(): Promise<boolean> {
		await this.#ready;
		const undone = this.#undo.undo() !== null;
		await this.settled();
		return undone;
	}

	async redo(): Promise<boolean> {
		await this.#ready;
		const redone = this.#undo.redo() !== null;
		await this.settled();
		return redone;
	}
}

/**
 * Rejects when the doc's storage cannot be used; never settles otherwise. y-indexeddb's
 * `whenSynced` never settles when its database fails to open or lacks its stores, which left
 * the archive "opening" for ever with no word of what went wrong.
 */
async function storageFailure(persistence: IndexeddbPersistence): Promise<never> {
	// `_db` is typed by y-indexeddb but undocumented; its version is pinned for DurablePersistence.
	const db = await persistence._db;
	if (!db.objectStoreNames.contains('updates')) {
		throw new Error('the archive’s storage in this browser is damaged');
	}
	return new Promise<never>(() => undefined);
}

/**
 * Adds the products an edited purchase asked to put in the catalogue (keyed by line index; two
 * lines naming one new product add it once) and returns the purchase with those lines naming
 * them. The same as `addPurchaseWithNewProducts` does for a new purchase.
 */
function withNewProducts(
	ctx: CommandContext,
	fields: PurchaseFields,
	newProducts: NewCatalogueProduct[]
): PurchaseFields {
	if (newProducts.length === 0) return fields;
	const created = new Map<string, string>();
	const lines = fields.lines.map((line, i) => {
		const product = newProducts.find((candidate) => candidate.line === i);
		if (!product) return line;
		const key = productNameKey(product.fields.name);
		if (!created.has(key)) {
			const result = createProduct(ctx, product.fields);
			if (result.ok) created.set(key, result.value);
		}
		const productId = created.get(key);
		return productId ? { ...line, productId } : line;
	});
	return { ...fields, lines };
}
