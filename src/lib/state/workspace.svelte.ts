import { toasts } from './toasts.svelte';
import type { RemoteSyncClient } from '../sync/remote-sync-client';
import type { ShopCurrency } from '../crdt/shop-settings';
import { DEFAULT_CURRENCY } from '../crdt/shop-settings';
import type { CustomerFields } from '../domain/customer';
import type { MemberProfile } from '../domain/member-profile';
import type { RebuildProgress, UnwrittenCustomers } from '../projection/projector';
import { ProjectionDb, projectionDbName } from '../projection/db';
import type { WorkspaceCore, WorkspaceView } from '../workspace/workspace-core';
import { startWorkspaceWorker, WorkspaceClient } from '../workspace/workspace-rpc';
import { loadMemberId } from './member';

const WORKSPACE_ID = 'main';

/**
 * The open workspace as this page sees it. The doc, its storage and the projector run in a
 * Web Worker (see `workspace-core.ts`); the page reads the projection through its own Dexie
 * connection, which hears the worker's writes, and calls commands that resolve once their
 * change is in the projection. Reads never wait for the doc.
 */
export class WorkspaceSession {
	status = $state<WorkspaceView['status']>('opening');
	failure = $state<string | null>(null);
	writeFailure = $state<string | null>(null);
	/** Why the archive's own storage refused the latest changes, kept in memory meanwhile. */
	storageFailure = $state<string | null>(null);
	/** Set while the projection is being rebuilt from the doc (first open, new version). */
	rebuilding = $state<RebuildProgress | null>(null);
	/** Customers' rows the projection could not take yet (a full disk), shown meanwhile. */
	unwrittenCustomers = $state.raw<UnwrittenCustomers | null>(null);
	canUndo = $state(false);
	canRedo = $state(false);
	currency = $state<ShopCurrency>(DEFAULT_CURRENCY);
	/** Moves on whenever purchases or interactions change (see CustomerActivityState). */
	eventsVersion = $state(0);

	readonly db = new ProjectionDb(projectionDbName(WORKSPACE_ID));
	readonly memberId = loadMemberId();
	readonly #client: WorkspaceClient;

	constructor() {
		const worker = startWorkspaceWorker();
		this.#client = new WorkspaceClient(worker, {
			onView: (patch) => Object.assign(this, patch),
			onReplacedElsewhere: () => location.reload(),
			onMeasure: ({ name, duration }) =>
				performance.measure(name, { start: performance.now() - duration, duration })
		});
		toasts.holdConfirmationsWhile(() => this.storageFailure !== null);
		worker.onerror = (event) => {
			// Once open, an uncaught error in one observer leaves the worker running: report it,
			// as the page did when the doc lived here. Before that, nothing can work.
			if (this.status !== 'opening') return console.error('Clientbook workspace worker', event);
			this.failure = event.message || 'the workspace worker stopped';
			this.status = 'failed';
			this.#client.failAll(new Error(this.failure));
		};
		worker.postMessage({
			memberId: this.memberId,
			names: {
				docDbName: `clientbook-doc-${WORKSPACE_ID}`,
				projectionDbName: projectionDbName(WORKSPACE_ID),
				tabChannelName: `clientbook-tabs-${WORKSPACE_ID}`
			}
		});
	}

	whenReady = () => this.#client.call('whenReady', []);
	/** Purchases and interactions live in the worker's doc, not the projection: ask it. */
	eventsOf = (customerId: string) => this.#client.call('eventsOf', [customerId]);
	deletedEventsOf = (customerId: string) => this.#client.call('deletedEventsOf', [customerId]);
	recentlyDeletedCustomers = () => this.#client.call('recentlyDeletedCustomers', []);
	allPurchases = () => this.#client.call('allPurchases', []);
	allInteractions = () => this.#client.call('allInteractions', []);
	recentProductNames = () => this.#client.call('recentProductNames', []);

	createCustomer = (...args: Args<'createCustomer'>) => this.#client.call('createCustomer', args);
	createCustomers = (...args: Args<'createCustomers'>) =>
		this.#client.call('createCustomers', args);
	updateCustomer = (...args: Args<'updateCustomer'>) => this.#client.call('updateCustomer', args);
	createFieldDef = (...args: Args<'createFieldDef'>) => this.#client.call('createFieldDef', args);
	updateFieldDef = (...args: Args<'updateFieldDef'>) => this.#client.call('updateFieldDef', args);
	removeFieldDef = (...args: Args<'removeFieldDef'>) => this.#client.call('removeFieldDef', args);
	countFieldValues = (...args: Args<'countFieldValues'>) =>
		this.#client.call('countFieldValues', args);
	setTagColor = (...args: Args<'setTagColor'>) => this.#client.call('setTagColor', args);
	renameTag = (...args: Args<'renameTag'>) => this.#client.call('renameTag', args);
	deleteTag = (...args: Args<'deleteTag'>) => this.#client.call('deleteTag', args);
	createProduct = (...args: Args<'createProduct'>) => this.#client.call('createProduct', args);
	updateProduct = (...args: Args<'updateProduct'>) => this.#client.call('updateProduct', args);
	setProductActive = (...args: Args<'setProductActive'>) =>
		this.#client.call('setProductActive', args);
	mergeProducts = (...args: Args<'mergeProducts'>) => this.#client.call('mergeProducts', args);
	deleteProduct = (...args: Args<'deleteProduct'>) => this.#client.call('deleteProduct', args);
	productSaleCounts = () => this.#client.call('productSaleCounts', []);
	addPurchaseWithNewProducts = (...args: Args<'addPurchaseWithNewProducts'>) =>
		this.#client.call('addPurchaseWithNewProducts', args);
	setCurrency = (...args: Args<'setCurrency'>) => this.#client.call('setCurrency', args);
	addPurchase = (...args: Args<'addPurchase'>) => this.#client.call('addPurchase', args);
	deletePurchase = (...args: Args<'deletePurchase'>) => this.#client.call('deletePurchase', args);
	restorePurchase = (...args: Args<'restorePurchase'>) =>
		this.#client.call('restorePurchase', args);
	editPurchase = (...args: Args<'editPurchase'>) => this.#client.call('editPurchase', args);
	logInteraction = (...args: Args<'logInteraction'>) => this.#client.call('logInteraction', args);
	deleteInteraction = (...args: Args<'deleteInteraction'>) =>
		this.#client.call('deleteInteraction', args);
	restoreInteraction = (...args: Args<'restoreInteraction'>) =>
		this.#client.call('restoreInteraction', args);
	editInteraction = (...args: Args<'editInteraction'>) =>
		this.#client.call('editInteraction', args);
	restoreCustomer = (...args: Args<'restoreCustomer'>) =>
		this.#client.call('restoreCustomer', args);
	addTask = (...args: Args<'addTask'>) => this.#client.call('addTask', args);
	completeTask = (...args: Args<'completeTask'>) => this.#client.call('completeTask', args);
	reopenTask = (...args: Args<'reopenTask'>) => this.#client.call('reopenTask', args);
	snoozeTask = (...args: Args<'snoozeTask'>) => this.#client.call('snoozeTask', args);
	setMemberProfile = (...args: Args<'setMemberProfile'>) =>
		this.#client.call('setMemberProfile', args);
	/**
	 * This member's name and colour as projected, read on the page: the team connects with it
	 * while the worker may still be opening the archive.
	 */
	memberProfile = async (): Promise<MemberProfile | null> => {
		const row = await this.db.members.get(this.memberId);
		return row ? { name: row.name, color: row.color } : null;
	};
	/** The demo shop in the UI's language; returns an undo for exactly this load. */
	loadDemoShop = async (...args: Args<'loadDemoShop'>) =>
		this.#withUndo(await this.#client.call('loadDemoShop', args));
	demoShopStatus = () => this.#client.call('demoShopStatus', []);
	demoRemovalPlan = () => this.#client.call('demoRemovalPlan', []);
	/** Removes the demo's records; returns an undo for exactly this removal. */
	removeDemoShop = async () => this.#withUndo(await this.#client.call('removeDemoShop', []));
	prepareForImport = () => this.#client.call('prepareForImport', []);
	writeChanges = (...args: Args<'writeChanges'>) => this.#client.call('writeChanges', args);
	mergeColleagueChanges = (update: Uint8Array) =>
		this.#client.call('mergeColleagueChanges', [update]);
	/** The whole workspace as a backup file, optionally encrypted with a passphrase. */
	writeBackup = (passphrase?: string) => this.#client.call('writeBackup', [passphrase]);
	mergeBackup = (update: Uint8Array) => this.#client.call('mergeBackup', [update]);
	/** Replaces the archive on this device with a backup; the caller reloads the page after. */
	replaceWithBackup = (update: Uint8Array) => this.#client.call('replaceWithBackup', [update]);
	/** Tries the changes storage refused again; resolves true once they are stored. */
	retryStorage = () => this.#client.call('retryStorage', []);
	undo = () => this.#client.call('undo', []);
	redo = () => this.#client.call('redo', []);

	/** Deletes, and returns a function that undoes exactly this delete while it is the last step. */
	async deleteCustomer(id: string) {
		const { result, undoToken } = await this.#client.call('deleteCustomer', [id]);
		return { result, undoDelete: undoToken === null ? null : this.#undoStep(undoToken) };
	}

	/** Merges one customer into another; returns an undo for exactly this merge. */
	async mergeCustomers(keptId: string, mergedId: string, chosen: CustomerFields) {
		const { result, undoToken } = await this.#client.call('mergeCustomers', [
			keptId,
			mergedId,
			chosen
		]);
		return { result, undoMerge: this.#undoStep(undoToken) };
	}

	/** Writes a customer import plan as one undo step, in chunks that can be cancelled. */
	async importCustomers(
		plan: Args<'importCustomers'>[0],
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	) {
		const outcome = await this.#client.job('importCustomers', [plan], onProgress, signal);
		if (!outcome.ok) return outcome;
		const { undoToken, ...counts } = outcome;
		return { ...counts, undoImport: this.#undoStep(undoToken) };
	}

	/** Writes imported purchases as one undo step, in chunks that can be cancelled. */
	async importPurchases(
		purchases: Args<'importPurchases'>[0],
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	) {
		const outcome = await this.#client.job('importPurchases', [purchases], onProgress, signal);
		if (!outcome.ok) return outcome;
		const { undoToken, ...counts } = outcome;
		return { ...counts, undoImport: this.#undoStep(undoToken) };
	}

	/**
	 * A new link to the worker's sync service, for the team's transports. Only team members load
	 * it, so it stays off the first route; `connectTeam` owns and closes it.
	 */
	async openRemoteSync(): Promise<RemoteSyncClient> {
		const { RemoteSyncClient } = await import('../sync/remote-sync-client');
		const channel = new MessageChannel();
		await this.#client.call('linkRemoteSync', [channel.port2], [channel.port2]);
		return new RemoteSyncClient(channel.port1);
	}

	#withUndo<T>({ result, undoToken }: { result: T; undoToken: number | null }) {
		return { result, undo: this.#undoStep(undoToken) };
	}

	#undoStep(token: number | null): () => Promise<boolean> {
		return () => (token === null ? Promise.resolve(false) : this.#client.call('undoStep', [token]));
	}
}

/** The parameters of the core's command `K`, which the page passes on unchanged. */
type Args<K extends keyof WorkspaceCore> = WorkspaceCore[K] extends (...args: infer A) => unknown
	? A
	: never;

let session: WorkspaceSession | null = null;

/** The tab's workspace, opened on first use (in the browser only). */
export function workspace(): WorkspaceSession {
	session ??= new WorkspaceSession();
	return session;
}
