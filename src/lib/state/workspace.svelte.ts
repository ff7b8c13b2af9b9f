import { toasts } from './toasts.svelte';
import type { RemoteSyncClient } from '../sync/remote-sync-client';
import type { ShopCurrency } from '../features/shop/shop-settings';
import { DEFAULT_CURRENCY } from '../features/shop/shop-settings';
import { DEFAULT_VALUE_SETTINGS, type ValueSettings } from '../features/value/rules/value-defaults';
import type { LoyaltySettings } from '../features/loyalty/rules/loyalty-settings';
import type { CareSettings } from '../features/care/rules/care-settings';
import type { MemberProfile } from '../features/shop/rules/member-profile';
import type { UnwrittenCustomers } from '../projection/projector';
import type { RebuildProgress } from '../projection/rebuild';
import { ProjectionDb, projectionDbName } from '../projection/db';
import type { ErasureNotice, WorkspaceCore, WorkspaceView } from '../workspace/workspace-core';
import { startWorkspaceWorker, WorkspaceClient } from '../workspace/workspace-rpc';
import {
	commandCalls,
	jobCalls,
	type CommandCalls,
	type CommandTransport,
	type JobCalls
} from '../workspace/command-client';
import type { AppCommands } from '../workspace/commands';
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
	valueSettings = $state.raw<ValueSettings>(DEFAULT_VALUE_SETTINGS);
	/** Null until the worker has read them: loyalty counts as off meanwhile. */
	loyaltySettings = $state.raw<LoyaltySettings | null>(null);
	careSettings = $state.raw<CareSettings | null>(null);
	/** The kiosk's settings as stored: undefined until the worker has said, null when never set. */
	kioskSettings = $state.raw<unknown>(undefined);
	/** The feedback response-time rules as stored, likewise. */
	feedbackRules = $state.raw<unknown>(undefined);
	/** The retention rules as stored, likewise. */
	retentionRules = $state.raw<unknown>(undefined);
	/** Moves on whenever purchases or interactions change (see CustomerActivityState). */
	eventsVersion = $state(0);
	/** Moves on whenever what Insights → Feedback is made of changes. */
	feedbackVersion = $state(0);
	/** The latest word of erased data removed on this device (see WorkspaceView). */
	erasureNotice = $state.raw<ErasureNotice | null>(null);

	readonly db = new ProjectionDb(projectionDbName(WORKSPACE_ID));
	readonly memberId = loadMemberId();
	readonly #client: WorkspaceClient;

	constructor() {
		const worker = startWorkspaceWorker();
		this.#client = new WorkspaceClient(worker, {
			onView: (patch) => {
				Object.assign(this, patch);
				// Rare, and said in words the first route need not carry: loaded when it happens.
				if (patch.erasureNotice) {
					const notice = patch.erasureNotice;
					void import('../features/privacy/ui/erasure-notice-loader').then((module) =>
						module.announceErasure(notice)
					);
				}
			},
			onReplacedElsewhere: () => location.reload(),
			onMeasure: ({ name, duration }) =>
				performance.measure(name, { start: performance.now() - duration, duration })
		});
		const client = this.#client;
		const transport: CommandTransport = {
			runCommand: (name, args) => client.call('runCommand', [name, args]),
			runJob: (name, args, { onProgress, signal }) =>
				client.job('runJob', [name, args], onProgress, signal),
			undoStep: (token) => client.call('undoStep', [token])
		};
		this.commands = commandCalls<AppCommands>(transport);
		this.jobs = jobCalls<AppCommands>(transport);
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
	/** Records the app skips because they cannot be read (see data-health.ts). */
	dataHealth = () => this.#client.call('dataHealth', []);
	allPurchases = () => this.#client.call('allPurchases', []);
	allInteractions = () => this.#client.call('allInteractions', []);
	recentProductNames = () => this.#client.call('recentProductNames', []);
	/** Every purchase and interaction as columns of numbers, for the insights worker. */
	analyticsColumns = (parts: { interactions: boolean }) =>
		this.#client.call('analyticsColumns', [parts]);
	/** One customer's points, tier and ledger; every customer's tier and balance. */
	loyaltyOf = (customerId: string) => this.#client.call('loyaltyOf', [customerId]);
	loyaltyStandings = () => this.#client.call('loyaltyStandings', []);
	/** Erases a customer for good: no undo (see features/privacy/erasure.ts). */
	eraseCustomer = (customerId: string) => this.#client.call('eraseCustomer', [customerId]);
	eraseCustomers = (customerIds: string[]) => this.#client.call('eraseCustomers', [customerIds]);
	/** Everything the archive holds about one customer, for their own copy. */
	customerData = (customerId: string) => this.#client.call('customerData', [customerId]);
	auditLog = () => this.#client.call('auditLog', []);
	roleEntries = () => this.#client.call('roleEntries', []);
	checkCoupon = (...args: Args<'checkCoupon'>) => this.#client.call('checkCoupon', args);
	couponFigures = () => this.#client.call('couponFigures', []);
	feedbackFigures = (...args: Args<'feedbackFigures'>) =>
		this.#client.call('feedbackFigures', args);
	feedbackTexts = (...args: Args<'feedbackTexts'>) => this.#client.call('feedbackTexts', args);
	campaignCodes = (campaignId: string) => this.#client.call('campaignCodes', [campaignId]);
	customerCoupons = (customerId: string) => this.#client.call('customerCoupons', [customerId]);
	automationPlan = (...args: Args<'automationPlan'>) => this.#client.call('automationPlan', args);
	runAutomations = () => this.#client.call('runAutomations', []);
	automationState = () => this.#client.call('automationState', []);
	careWeek = () => this.#client.call('careWeek', []);
	occasions = (...args: Args<'occasions'>) => this.#client.call('occasions', args);
	uncreditedPurchaseCount = () => this.#client.call('uncreditedPurchaseCount', []);

	/** Every command the features declare, called by name (see workspace/commands.ts). */
	readonly commands: CommandCalls<AppCommands>;
	/** The long ones, with progress and Cancel. */
	readonly jobs: JobCalls<AppCommands>;
	countFieldValues = (id: string) => this.#client.call('countFieldValues', [id]);
	productSaleCounts = () => this.#client.call('productSaleCounts', []);
	/**
	 * This member's name and colour as projected, read on the page: the team connects with it
	 * while the worker may still be opening the archive.
	 */
	memberProfile = async (): Promise<MemberProfile | null> => {
		const row = await this.db.members.get(this.memberId);
		return row ? { name: row.name, color: row.color } : null;
	};
	demoShopStatus = () => this.#client.call('demoShopStatus', []);
	demoRemovalPlan = () => this.#client.call('demoRemovalPlan', []);
	prepareForImport = () => this.#client.call('prepareForImport', []);
	writeChanges = (...args: Args<'writeChanges'>) => this.#client.call('writeChanges', args);
	/** The whole workspace as a backup file, optionally encrypted with a passphrase. */
	writeBackup = (passphrase?: string) => this.#client.call('writeBackup', [passphrase]);
	/** Replaces the archive on this device with a backup; the caller reloads the page after. */
	replaceWithBackup = (update: Uint8Array) => this.#client.call('replaceWithBackup', [update]);
	/** Whether a team joined now would receive any record from this device. */
	holdsRecords = () => this.#client.call('holdsRecords', []);
	/** Replaces the archive on this device with an empty one (joining a team without it). */
	replaceWithEmpty = () => this.#client.call('replaceWithEmpty', []);
	/** Tries the changes storage refused again; resolves true once they are stored. */
	retryStorage = () => this.#client.call('retryStorage', []);
	undo = () => this.#client.call('undo', []);
	redo = () => this.#client.call('redo', []);

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
