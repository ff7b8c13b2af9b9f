import { ERASURES_ROOT } from '../features/privacy/erasure-records';
import type { ErasureRefusal } from '../features/privacy/erasure';
import type { CustomerData } from '../features/privacy/customer-data';
import type { FeedbackPeriod } from '../features/feedback/feedback-figures';
import type { FeedbackFigures, TextAnswer } from '../features/feedback/rules/feedback-insights';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { DurablePersistence } from './durable-persistence';
import { nextTask } from '../shell-boot/next-task';
import { ArchiveUnchangedError, replaceStoredArchive } from './stored-replacement';
import * as Y from 'yjs';
import { inOneStep, type CommandContext } from '../core/command-context';
import { readCurrency, type ShopCurrency } from '../features/shop/shop-settings';
import type { ValueSettings } from '../features/value/rules/value-defaults';
import type { LoyaltySettings } from '../features/loyalty/rules/loyalty-settings';
import type { CareSettings } from '../features/care/rules/care-settings';
import { readShopSettings } from './shop-settings-view';
import type { CareWeek } from '../features/care/care-week';
import type { Occasion } from '../features/care/rules/occasions';

import type {
	CampaignFigures,
	CodeStatus,
	CouponCheck,
	CustomerCoupons
} from '../features/coupons/rules/coupons';
import type { PurchaseLine } from '../features/activity/rules/activity';
import type { LogEntry, QueuedGreeting } from '../features/automations/automation-reads';
import type { AutomationRow } from '../features/automations/rules/automations';
import type { PlannedResult } from '../features/automations/automation-commands';
import { localDateKey } from '../domain/dates';
import type { CustomerLoyalty, LoyaltyStandings } from '../features/loyalty/loyalty-reads';
import { createUndoManager } from '../crdt/undo';
import { stampSchemaVersion, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';
import type { AnyCommand, AuditOf, JobOutcome, WriteInSteps } from '../core/command';
import { AUDIT_ORIGIN, AUDIT_ROOT, type AuditFacts } from '../core/audit-action';
import type { AuditEntry } from '../features/audit/audit-entries';
import type { RoleEntry } from '../features/roles/role-entries';
import { ROLES_ROOT } from '../features/roles/roles-root';
import { CommandRefused } from '../core/command-refused';
import type { CommandRegistry } from '../core/command-registry';
import { APP_TABLE_KINDS } from './record-kinds';
import { feedbackKind } from '../features/feedback/kinds';
import { invitationKind, responseKind, surveyKind } from '../features/feedback/survey-kinds';
import type { SkippedRecords } from '../features/data-health/data-health';
import type { AnalyticsKeeper } from '../analytics/keeper';
import type { AnalyticsColumns } from '../analytics/snapshot';
import { rootOf, type TableKind } from '../core/record-kind';
import { describeError } from '../domain/describe-error';
import { ProjectionDb } from '../projection/db';
import type { Projector, UnwrittenCustomers } from '../projection/projector';
import type { RebuildProgress } from '../projection/rebuild';
import { productNames } from '../projection/activity-queries';
import type { InteractionRow, PurchaseRow } from '../projection/db';
import type { CustomerEvents, DeletedEvents } from '../projection/event-index';
import type { DeletedCustomer } from '../features/customers/deleted-customers';
import { connectTabs, type TabConnection } from '../sync/tab-channel';
import type { DocPort } from '../sync/doc-link';

/** A command's result that says it refused and wrote nothing (`{ ok: false, … }`). */
function isRefusal(result: unknown): boolean {
	return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false;
}

/** What a command that is never undone writes with, when it names no origin of its own. */
const NOT_UNDONE_ORIGIN = { notUndone: true };
/** An erasure's writes, and removals of erased data that came back: never undone, never re-checked. */
const ERASURE_ORIGIN = { erasure: true };

/**
 * The app's commands, loaded with the first one run: their declarations and the code they
 * share (validation, argument checks) are kept out of the worker's first load.
 */
const loadAppCommands = async () => (await import('./commands')).appCommandRegistry();
/** Rows written per transaction during an import: small enough to keep each task short. */
const IMPORT_CHUNK = 1000;

/** Automation results written per transaction (see `runAutomations`). */
const AUTOMATION_CHUNK = 500;

/**
 * How many of the latest sales name the products suggested while recording one: enough to cover
 * what the shop sells now without reading every purchase.
 */
const RECENT_SALES = 500;

/**
 * How long after the archive opens the analytics columns start being built ahead (see
 * `#warmAnalyticsLater`): the first screen, its search and scrolling come first.
 */
const ANALYTICS_WARM_UP_DELAY_MS = 2000;

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
	/** How the shop scores customers' value (a meta map entry, like the currency). */
	valueSettings: ValueSettings;
	/** How the shop rewards customers: points and tiers (a meta map entry too). */
	loyaltySettings: LoyaltySettings;
	/** The shop's name in greetings, and the call-back day after a purchase. */
	careSettings: CareSettings;
	/** What the walk-in kiosk asks and gives, as stored (see ShopSettingsView). */
	kioskSettings: unknown;
	/** The feedback response-time rules, as stored (see ShopSettingsView). */
	feedbackRules: unknown;
	/** The retention rules, as stored (see ShopSettingsView). */
	retentionRules: unknown;
	/** Moves on whenever purchases or interactions change: screens showing them read again. */
	eventsVersion: number;
	/**
	 * Moves on whenever what Insights → Feedback is made of changes (surveys, answers,
	 * invitations, feedback, customers, purchases): it asks again without reading the projection.
	 */
	feedbackVersion: number;
	/**
	 * Said once per event: a colleague's erasure reached this device (its data gone here too),
	 * or data of an erased customer arrived (an old device, a file) and was removed again.
	 */
	erasureNotice: ErasureNotice | null;
}

export interface ErasureNotice {
	kind: 'colleague' | 'returned';
	/** How many records went on this device. */
	records: number;
	/** Set when this device's storage could not be compacted: the bytes are still stored. */
	unstored?: string;
	/** Tells one notice from the next. */
	seq: number;
}

/** What erasing a customer did (see features/privacy/erasure.ts). */
export type ErasureResult =
	| { erased: true; records: number; customers: number; unstored?: string }
	| { erased: false; reason: ErasureRefusal };

export interface WorkspaceNames {
	docDbName: string;
	projectionDbName: string;
	tabChannelName: string;
}

/** Ways into the core for what watches every logged action (tests). */
export interface CoreHooks {
	audit?(facts: AuditFacts): void;
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
	#feedbackVersion = 0;
	#persistence: DurablePersistence | null = null;
	#tabs: TabConnection | null = null;
	#analytics: AnalyticsKeeper | null = null;
	#settlingDoubles = false;
	#erasureSeq = 0;
	/** Keys of personal roots changed since the last look for erased data, by root; null: all. */
	#erasureCheck: Map<string, Set<string>> | null | undefined = undefined;
	#colleagueErased = false;
	/** Set when storage refused an erasure's compaction: the erased bytes are still stored. */
	#compactionOwed = false;
	readonly #commands: CommandRegistry | (() => Promise<CommandRegistry>);
	#loadedCommands: Promise<CommandRegistry> | null = null;

	constructor(
		readonly memberId: string,
		readonly names: WorkspaceNames,
		readonly events: WorkspaceEvents,
		commands: CommandRegistry | (() => Promise<CommandRegistry>) = loadAppCommands,
		readonly hooks: CoreHooks = {},
		readonly kinds: readonly TableKind[] = APP_TABLE_KINDS
	) {
		const appTables = new Set(APP_TABLE_KINDS.map((kind) => kind.table.name));
		this.#db = new ProjectionDb(
			names.projectionDbName,
			Object.fromEntries(
				kinds
					.filter((kind) => !appTables.has(kind.table.name))
					.map((kind) => [kind.table.name, kind.table.schema])
			)
		);
		this.#origin = { memberId };
		this.#undo = createUndoManager(this.ws, this.#origin);
		// Every kind's records are this member's to undo, a kind added later as much as the first.
		const roots = kinds.map((kind) => rootOf(this.ws.doc, kind));
		this.#undo.addToScope(roots.filter((root) => !this.#undo.scope.includes(root)));
		const refreshUndoState = () =>
			events.onView({ canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
		this.#undo.on('stack-item-added', refreshUndoState);
		this.#undo.on('stack-item-popped', refreshUndoState);
		this.#undo.on('stack-cleared', refreshUndoState);
		this.#commands = commands;
		this.#ready = this.#open();
	}

	/** The command declared under `name` and the call's arguments, checked against it. */
	async #prepare(name: string, given: unknown[]) {
		const commands = this.#commands;
		if (typeof commands !== 'function') return commands.prepare(name, given);
		// A load that failed (offline with a stale cache) is tried again by the next command.
		this.#loadedCommands ??= commands().catch((error: unknown) => {
			this.#loadedCommands = null;
			throw error;
		});
		return (await this.#loadedCommands).prepare(name, given);
	}

	async #open(): Promise<void> {
		const openedAt = performance.now();
		try {
			await this.#loadDoc();
			stampSchemaVersion(this.ws);
			// Read before anything is shown: a page that asked with the defaults first would ask
			// again once the shop's own arrived, and screens raced between the two answers.
			const showShopSettings = () =>
				this.events.onView({ currency: readCurrency(this.ws), ...readShopSettings(this.ws) });
			this.ws.meta.observe(showShopSettings);
			showShopSettings();
			// The projector brings the pinyin dictionary; load it only once the doc is here.
			const { Projector } = await import('../projection/projector');
			this.#projector = new Projector(
				this.ws,
				this.#db,
				{
					onWriteError: (error) => this.events.onView({ writeFailure: describeError(error) }),
					onWriteRecovered: () => this.events.onView({ writeFailure: null }),
					onRebuildProgress: (progress) => this.events.onView({ rebuilding: progress }),
					onEventsChanged: () => this.events.onView({ eventsVersion: ++this.#eventsVersion }),
					onUnwrittenCustomers: (unwritten) => this.events.onView({ unwrittenCustomers: unwritten })
				},
				this.kinds
			);
			await this.#projector.start();
			// Automations' tasks can be written twice by devices apart: once this shop has run one,
			// doubles are settled as colleagues' changes arrive (see automation-repair.ts).
			const watchDoubles = async () => {
				if (this.#settlingDoubles || this.ws.automationLog.size === 0) return;
				this.#settlingDoubles = true;
				try {
					const { settleResurrectedTasks } =
						await import('../features/automations/automation-repair');
					settleResurrectedTasks(this.ws, NOT_UNDONE_ORIGIN);
				} catch (error) {
					// The archive opens all the same; the next result logged tries again.
					this.#settlingDoubles = false;
					console.warn('Clientbook could not watch for doubled automation tasks', error);
				}
			};
			this.ws.automationLog.observe(() => void watchDoubles());
			await watchDoubles();
			// Points and coupons are read from the doc like purchases: screens showing them read
			// again, once per transaction (a purchase writes to several of these roots at once).
			const readAgain = [
				this.ws.pointsLedger,
				this.ws.couponCodes,
				this.ws.couponRedemptions,
				this.ws.automationLog,
				this.ws.greetingQueue,
				this.ws.doc.getMap<unknown>(AUDIT_ROOT),
				this.ws.doc.getMap<unknown>(ROLES_ROOT)
			];
			const feedbackMadeOf = [
				...[surveyKind, responseKind, invitationKind, feedbackKind].map((kind) =>
					rootOf(this.ws.doc, kind)
				),
				this.ws.customers,
				this.ws.purchases
			];
			this.ws.doc.on('afterTransaction', (transaction: Y.Transaction) => {
				const changed = transaction.changed as Map<unknown, unknown>;
				if (readAgain.some((root) => changed.has(root))) {
					this.events.onView({ eventsVersion: ++this.#eventsVersion });
				}
				// A field of one item changes the item's own map: its root is among the parents.
				const deep = transaction.changedParentTypes as Map<unknown, unknown>;
				if (feedbackMadeOf.some((root) => deep.has(root))) {
					this.events.onView({ feedbackVersion: ++this.#feedbackVersion });
				}
			});
			this.ws.doc.on('afterTransaction', (transaction: Y.Transaction) =>
				this.#watchErasures(transaction)
			);
			this.#tabs = connectTabs(this.ws.doc, this.names.tabChannelName, () => {
				this.#projector?.stop();
				// Nothing of this tab's copy may reach storage again: it is being replaced.
				void this.#persistence?.destroy();
				this.events.onReplacedElsewhere();
			});
			performance.measure('clientbook:workspace-open', { start: openedAt });
			this.events.onView({ status: 'ready' });
			this.#warmAnalyticsLater();
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
				// An erasure's compaction refused by a full disk: the erased bytes go now.
				void this.#payCompaction();
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

	/**
	 * Every purchase and interaction as columns of numbers, for charts and models (see
	 * analytics/snapshot.ts): made on first request, then kept up to date event by event.
	 */
	async analyticsColumns(
		parts: { interactions: boolean } = { interactions: true }
	): Promise<AnalyticsColumns> {
		return (await this.#analyticsKeeper()).columns(parts);
	}

	async #analyticsKeeper(): Promise<AnalyticsKeeper> {
		await this.#ready;
		if (!this.#analytics) {
			const { AnalyticsKeeper } = await import('../analytics/keeper');
			this.#analytics ??= new AnalyticsKeeper(this.ws);
		}
		return this.#analytics;
	}

	/**
	 * Builds the analytics columns ahead, in slices, once the first screen has had its time:
	 * Insights (and what reads the same columns) then opens without the build, a third of a
	 * second at 100,000 events. It costs the worker that build once per start, and the columns'
	 * few megabytes; a request that comes first simply finishes it.
	 */
	#warmAnalyticsLater(): void {
		setTimeout(() => {
			this.#analyticsKeeper()
				.then((keeper) => keeper.warmUp(nextTask))
				.catch((error: unknown) =>
					// Nothing is lost: the first request builds the columns as it always did.
					console.warn('Clientbook could not build the analytics columns ahead', error)
				);
		}, ANALYTICS_WARM_UP_DELAY_MS);
	}

	/**
	 * Everything the archive holds about one customer, for their own copy (see
	 * features/privacy/customer-data.ts); null when there is no such customer.
	 */
	async customerData(customerId: string): Promise<CustomerData | null> {
		await this.#ready;
		const [{ customerData }, { ALL_RECORD_KINDS }] = await Promise.all([
			import('../features/privacy/customer-data'),
			import('./all-record-kinds')
		]);
		return customerData(this.ws, customerId, ALL_RECORD_KINDS, Date.now());
	}

	/** The team's role decisions as stored; each device checks their signatures (features/roles). */
	async roleEntries(): Promise<RoleEntry[]> {
		await this.#ready;
		return (await import('./archive-extras')).roleEntriesOf(this.ws.doc);
	}

	/** The audit log, newest first (see features/audit). */
	async auditLog(): Promise<AuditEntry[]> {
		await this.#ready;
		const { auditEntriesOf } = await import('../features/audit/audit-entries');
		return auditEntriesOf(this.ws.doc);
	}

	/**
	 * Erases a customer for good (see features/privacy/erasure.ts): their records go from the
	 * doc, the undo history is dropped (it would keep the deleted values to restore them), the
	 * doc forgets the deleted values' bytes and the stored archive is compacted to the doc as it
	 * is. The projection follows the doc as always. `unstored` says when storage refused the
	 * compaction: the records are gone, their bytes still stored until it succeeds.
	 */
	async eraseCustomer(customerId: string): Promise<ErasureResult> {
		const outcome = await this.#erase([customerId], 'customer');
		return outcome.erased === 0
			? { erased: false, reason: outcome.refused[0] ?? 'notFound' }
			: {
					erased: true,
					records: outcome.records,
					customers: outcome.customers,
					...(outcome.unstored ? { unstored: outcome.unstored } : {})
				};
	}

	/**
	 * Erases the customers a retention rule found (see features/privacy/retention.ts) in one
	 * step: each as `eraseCustomer` would, the stored archive compacted once for all of them.
	 */
	async eraseCustomers(customerIds: string[]) {
		return this.#erase(customerIds, 'retention');
	}

	async #erase(customerIds: readonly string[], what: 'customer' | 'retention') {
		await this.#ready;
		const [{ eraseMany }, kinds] = await Promise.all([
			import('../features/privacy/erasure'),
			this.#allKinds()
		]);
		const done = eraseMany(this.ws, kinds, customerIds, {
			at: Date.now(),
			by: this.memberId,
			origin: ERASURE_ORIGIN
		});
		if (done.erased === 0) return { ...done, unstored: null };
		const unstored = await this.#forgetErased();
		const rows = what === 'customer' ? done.records : done.erased;
		await this.recordAudit({ action: what === 'customer' ? 'erase' : 'retention', what, rows });
		await this.settled();
		return { ...done, unstored };
	}

	async #allKinds() {
		return (await import('./all-record-kinds')).ALL_RECORD_KINDS;
	}

	/**
	 * Drops what still holds erased bytes on this device: the undo history, the doc's deleted
	 * values, the stored records. Returns why storage refused, or null.
	 */
	async #forgetErased(): Promise<string | null> {
		const { forgetDeleted } = await import('../features/privacy/erasure');
		this.#undo.clear();
		this.#undoSteps.clear();
		forgetDeleted(this.ws.doc);
		try {
			await this.#persistence?.compactNow();
			this.#compactionOwed = false;
			return null;
		} catch (error) {
			// Tried again as soon as storage takes writes again (see #loadDoc's onRecovered).
			this.#compactionOwed = true;
			return describeError(error);
		}
	}

	/** Compacts what an erasure could not, once storage works again; quiet if it still cannot. */
	async #payCompaction(): Promise<void> {
		if (!this.#compactionOwed) return;
		try {
			await this.#persistence?.compactNow();
			this.#compactionOwed = false;
		} catch (error) {
			console.warn('Clientbook could not compact the archive yet', error);
		}
	}

	/**
	 * After each transaction of a shop that has erased someone: notes what to look at for the
	 * erased customers' data (what changed, or everything when a colleague's erasure arrived),
	 * and looks once the transaction is over. Shops that never erased pay one size check.
	 */
	#watchErasures(transaction: Y.Transaction): void {
		if (transaction.origin === ERASURE_ORIGIN) return;
		const erasures = this.ws.doc.getMap<unknown>(ERASURES_ROOT);
		if (erasures.size === 0) return;
		const changed = transaction.changed as Map<Y.AbstractType<unknown>, Set<string | null>>;
		if (changed.has(erasures as Y.AbstractType<unknown>) && !transaction.local) {
			this.#colleagueErased = true;
			this.#erasureCheck = null;
		} else if (this.#erasureCheck !== null) {
			for (const [type, keys] of changed) {
				if (type._item !== null) continue;
				const root = rootNameOf(this.ws.doc, type);
				if (!root) continue;
				this.#erasureCheck ??= new Map();
				let pending = this.#erasureCheck.get(root);
				if (!pending) this.#erasureCheck.set(root, (pending = new Set()));
				for (const key of keys) if (key !== null) pending.add(key);
			}
		}
		if (this.#erasureCheck === undefined) return;
		setTimeout(() => void this.#removeErasedData(), 0);
	}

	async #removeErasedData(): Promise<void> {
		const only = this.#erasureCheck;
		const colleague = this.#colleagueErased;
		if (only === undefined) return;
		this.#erasureCheck = undefined;
		this.#colleagueErased = false;
		try {
			const [{ eraseReturned }, kinds] = await Promise.all([
				import('../features/privacy/erasure'),
				this.#allKinds()
			]);
			const records = eraseReturned(this.ws, kinds, ERASURE_ORIGIN, only ?? undefined);
			if (records === 0 && !colleague) return;
			const unstored = await this.#forgetErased();
			this.events.onView({
				erasureNotice: {
					kind: colleague ? 'colleague' : 'returned',
					records,
					...(unstored ? { unstored } : {}),
					seq: ++this.#erasureSeq
				}
			});
		} catch (error) {
			// Looked at again with the next change; nothing is lost by waiting.
			console.warn('Clientbook could not remove an erased customer’s data', error);
		}
	}

	/** One customer's points, tier and ledger as of now (see features/loyalty). */
	async loyaltyOf(customerId: string): Promise<CustomerLoyalty> {
		await this.#ready;
		const { customerLoyalty } = await import('../features/loyalty/loyalty-reads');
		return customerLoyalty(this.ws, customerId, Date.now());
	}

	/** Every customer's tier and balance as of now, for the list. */
	async loyaltyStandings(): Promise<LoyaltyStandings> {
		await this.#ready;
		const started = performance.now();
		const { loyaltyStandings } = await import('../features/loyalty/loyalty-reads');
		const standings = loyaltyStandings(this.ws, Date.now());
		performance.measure('clientbook:loyalty-standings', { start: started });
		return standings;
	}

	/** What a coupon code takes off a purchase being recorded, or why it cannot be used. */
	async checkCoupon(
		code: string,
		customerId: string,
		lines: PurchaseLine[],
		at: number
	): Promise<CouponCheck> {
		await this.#ready;
		const { checkCoupon } = await import('../features/coupons/coupon-use');
		return checkCoupon(this.ws, code, customerId, lines, at);
	}

	/** Every campaign's issued, redeemed, rate and revenue. */
	async couponFigures(): Promise<Record<string, CampaignFigures>> {
		await this.#ready;
		const { campaignFigures } = await import('../features/coupons/coupon-commands');
		return campaignFigures(this.ws);
	}

	/**
	 * Insights → Feedback's figures for a period (see features/feedback/feedback-figures.ts),
	 * without the written answers: thousands of them would travel with every look at the charts.
	 */
	async feedbackFigures(period: FeedbackPeriod): Promise<FeedbackFigures> {
		await this.#ready;
		const { feedbackFiguresOf } = await import('../features/feedback/feedback-figures');
		return { ...feedbackFiguresOf(this.ws, period), texts: [] };
	}

	/** The period's written answers, newest first, asked for once the charts are drawn. */
	async feedbackTexts(period: FeedbackPeriod): Promise<TextAnswer[]> {
		await this.#ready;
		const { feedbackFiguresOf } = await import('../features/feedback/feedback-figures');
		return feedbackFiguresOf(this.ws, period).texts;
	}

	/** A campaign's codes, each with how often it was used. */
	async campaignCodes(campaignId: string): Promise<CodeStatus[]> {
		await this.#ready;
		const { campaignCodes } = await import('../features/coupons/coupon-commands');
		return campaignCodes(this.ws, campaignId);
	}

	/** The coupons a customer holds, and which of their purchases used one. */
	async customerCoupons(customerId: string): Promise<CustomerCoupons> {
		await this.#ready;
		const { customerCoupons } = await import('../features/coupons/coupon-commands');
		return customerCoupons(this.ws, customerId);
	}

	/**
	 * What automation rules would do today: every enabled rule's, or only `rule`'s (a dry run
	 * before it is turned on). Reads the customers' rows from the projection, and the analytics
	 * columns when a rule names a segment; writes nothing.
	 */
	async automationPlan(rule?: AutomationRow): Promise<PlannedResult[]> {
		await this.#ready;
		const { planInWorker } = await import('../features/automations/automation-run');
		return planInWorker(
			this.ws,
			rule,
			() => this.#db.customers.toArray(),
			() => this.analyticsColumns({ interactions: true })
		);
	}

	/** Runs the enabled automation rules for today: what is new is written, once per result. */
	async runAutomations(): Promise<number> {
		await this.#ready;
		// Without a rule turned on nothing more loads: the planner brings the lunar calendar
		// (80 KB gzip to parse), which a shop without automations should not pay at each start.
		const { automationRules } = await import('../features/automations/automation-reads');
		if (!automationRules(this.ws).some((rule) => rule.enabled)) return 0;
		const plan = await this.automationPlan();
		const today = localDateKey(Date.now());
		let applied = 0;
		// In chunks, each stored and projected before the next: a rule turned on over 20,000
		// customers neither holds the worker for seconds nor waits in memory as one change.
		for (let start = 0; start < plan.length; start += AUTOMATION_CHUNK) {
			const chunk = plan.slice(start, start + AUTOMATION_CHUNK);
			const { result } = await this.runCommand('applyAutomations', [chunk, today]);
			if (typeof result === 'number') applied += result;
		}
		return applied;
	}

	/** What each rule did (counts and the latest results), and greetings waiting to be sent. */
	async automationState(): Promise<{
		log: Record<string, { count: number; latest: LogEntry[] }>;
		queued: QueuedGreeting[];
		since: LogEntry[];
	}> {
		await this.#ready;
		const { automationLog, automationResultsSince, queuedGreetings } =
			await import('../features/automations/automation-reads');
		const weekAgo = Date.now() - 7 * 86_400_000;
		return {
			log: automationLog(this.ws),
			queued: queuedGreetings(this.ws),
			since: automationResultsSince(this.ws, weekAgo)
		};
	}

	/**
	 * Every customer's occasions and the festivals from `from` to `to` (local days), worked out
	 * here: converting lunar dates takes the calendar library and, at 20,000 customers, time
	 * the page should not spend.
	 */
	async occasions(from: string, to: string, afterPurchaseDays: number): Promise<Occasion[]> {
		await this.#ready;
		const started = performance.now();
		// Call-backs need each customer's last purchase (the projection's rows); birthdays and
		// anniversaries only what the doc holds, read far faster than 20,000 rows from storage.
		const [{ occasionsBetween }, { occasionCustomers }, rows] = await Promise.all([
			import('../features/care/rules/occasions'),
			import('../features/care/occasion-customers'),
			afterPurchaseDays > 0 ? this.#db.customers.toArray() : null
		]);
		const found = occasionsBetween(rows ?? occasionCustomers(this.ws), from, to, afterPurchaseDays);
		performance.measure('clientbook:occasions', { start: started });
		return found;
	}

	/** How many purchases have no points (recorded while loyalty was off). */
	async uncreditedPurchaseCount(): Promise<number> {
		await this.#ready;
		const { uncreditedPurchases } = await import('../features/loyalty/loyalty-commands');
		return uncreditedPurchases(this.ws).length;
	}

	/** Care for the week: points and coupons about to expire, what automations did. */
	async careWeek(): Promise<CareWeek> {
		await this.#ready;
		const { careWeek } = await import('../features/care/care-week');
		return careWeek(this.ws, Date.now());
	}

	/** Records the app skips because they cannot be read, by root (see data-health.ts). */
	async dataHealth(): Promise<SkippedRecords[]> {
		await this.#ready;
		const { dataHealth } = await import('../features/data-health/data-health');
		return dataHealth(this.ws, this.kinds);
	}

	/** Customers deleted in the last 30 days, latest first. */
	async recentlyDeletedCustomers(): Promise<DeletedCustomer[]> {
		await this.#ready;
		const { recentlyDeletedCustomers } = await import('../features/customers/deleted-customers');
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

	/**
	 * Runs the command declared under `name` (see workspace/commands.ts) with the page's
	 * arguments, checked against its declaration, once the doc is loaded; resolves when its
	 * change is in the projection and stored. A `token` command also hands out an undo for
	 * exactly its step (see `undoStep`), unless it refused (`ok: false`) and wrote nothing.
	 */
	async runCommand(
		name: string,
		given: unknown[]
	): Promise<{ result: unknown; undoToken?: number | null }> {
		const { spec, checked } = await this.#prepare(name, given);
		if (spec.job) throw new CommandRefused(`${name} runs as a job`);
		const run = spec.run ?? (await spec.load!());
		await this.#ready;
		const ctx = this.#contextFor(spec);
		const result = run(ctx, ...checked);
		const refused = isRefusal(result);
		let undoToken: number | null | undefined;
		if (spec.undo === 'token') {
			const undoStep = refused ? null : this.#undoOfLastStep();
			const fallback = spec.undoFallback;
			undoToken = !undoStep
				? null
				: this.#keepUndoStep(
						fallback
							? () => {
									if (!undoStep()) fallback(this.#context, ...checked);
									return true;
								}
							: undoStep
					);
		}
		if (spec.audit && !refused) await this.#audit(name, spec.audit, checked, result);
		await this.settled();
		return spec.undo === 'token' ? { result, undoToken } : { result };
	}

	/**
	 * Runs the job declared under `name`: a long write in chunks, reporting progress, that
	 * `job.signal` cancels, taking back what it wrote. All of it is one undo step, with a token.
	 */
	async runJob(name: string, given: unknown[], job: WorkspaceJob): Promise<JobOutcome<unknown>> {
		const { spec, checked } = await this.#prepare(name, given);
		if (!spec.job) throw new CommandRefused(`${name} is not a job`);
		await this.#ready;
		let undoStep: () => boolean = () => false;
		const writeInSteps: WriteInSteps = async (items, writeChunk) => {
			const written = await this.#writeAsOneStep(items, writeChunk, job);
			undoStep = written.undoStep;
			return { cancelled: written.cancelled };
		};
		const { cancelled, value } = await spec.run(this.#context, { writeInSteps }, ...checked);
		if (cancelled) {
			undoStep();
			await this.settled();
			return { cancelled: true };
		}
		if (spec.audit) await this.#audit(name, spec.audit, checked, value);
		await this.settled();
		return { cancelled: false, result: value, undoToken: this.#keepUndoStep(undoStep) };
	}

	/** Logs a command declared with `audit` (see features/audit): what and how many, by whom. */
	async #audit(
		name: string,
		audit: AuditOf<unknown[], unknown>,
		given: unknown[],
		result: unknown
	) {
		const rows = audit.rows?.(result, given);
		await this.recordAudit({
			action: audit.action,
			what: name,
			...(rows !== undefined ? { rows } : {})
		});
	}

	/**
	 * Adds an entry to the audit log for an action the worker does itself (an erasure, a
	 * backup); the page's own go through the `recordAudit` command. A log that cannot be
	 * written never undoes the action: it is said in the console and the action stands.
	 */
	async recordAudit(facts: AuditFacts): Promise<void> {
		this.hooks.audit?.(facts);
		try {
			const { appendAuditEntry, thisDevice } = await import('../features/audit/audit-writes');
			const author = { at: Date.now(), by: this.memberId, device: thisDevice() };
			appendAuditEntry(this.ws.doc, facts, author, AUDIT_ORIGIN);
		} catch (error) {
			console.warn('Clientbook could not write the audit log', error);
		}
	}

	#contextFor(spec: AnyCommand): CommandContext {
		if (spec.undo !== 'none') return this.#context;
		return { ...this.#context, origin: spec.origin ?? NOT_UNDONE_ORIGIN };
	}

	countFieldValues = async (id: string) => {
		await this.#ready;
		const { countFieldValues } = await import('../features/custom-fields/custom-field-commands');
		return countFieldValues(this.ws, id);
	};
	/** Sales per catalogue product (a merged product's count with the one it was merged into). */
	productSaleCounts = async (): Promise<Record<string, number>> => {
		await this.#ready;
		const { productSaleCounts } = await import('../features/products/product-commands');
		return Object.fromEntries(productSaleCounts(this.ws));
	};

	/** Whether the archive is empty and whether the demo's records are in it. */
	demoShopStatus = async () => (await this.#demoRecords()).demoShopStatus(this.ws);
	/** What "Remove the demo data" would remove, and which demo records the shop worked with. */
	demoRemovalPlan = async () => (await this.#demoRecords()).demoRemovalPlan(this.ws);
	async #demoRecords() {
		await this.#ready;
		return import('../features/demo/demo-records');
	}

	/** Lets undo take back this member's changes to more of the doc (a kind of record added). */
	trackForUndo(types: Parameters<Y.UndoManager['addToScope']>[0]): void {
		this.#undo.addToScope(types);
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
	 * Writes many items in chunks, yielding between them so cancelling can be heard, gathered
	 * into one undo step by an undo manager of the job's own: the shell's stays free meanwhile,
	 * so a command or Ctrl+Z during an import is its own step and never joins (or takes back part
	 * of) the import's. A finished job's step then joins the shell's history, latest. Cancelling
	 * stops after the chunk under way; the caller takes back what was written with `undoStep`.
	 */
	async #writeAsOneStep<T>(
		items: readonly T[],
		writeChunk: (ctx: CommandContext, chunk: readonly T[]) => void,
		job: WorkspaceJob
	): Promise<{ cancelled: boolean; undoStep: () => boolean }> {
		const jobOrigin = {};
		// The shell's scope holds only the doc's roots, never the doc itself.
		const scope = this.#undo.scope as Y.AbstractType<unknown>[];
		const jobUndo = new Y.UndoManager(scope, {
			trackedOrigins: new Set([jobOrigin]),
			captureTimeout: Number.POSITIVE_INFINITY
		});
		const context: CommandContext = { ...this.#context, origin: jobOrigin };
		try {
			for (let i = 0; i < items.length; i += IMPORT_CHUNK) {
				if (job.signal.aborted) break;
				const chunk = items.slice(i, i + IMPORT_CHUNK);
				inOneStep(context, () => writeChunk(context, chunk));
				job.onProgress(Math.min(i + IMPORT_CHUNK, items.length), items.length);
				// Only yield: the projector batches whatever accumulates while it writes, so a big
				// import becomes a few large projection writes instead of one per chunk.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
		} catch (error) {
			// What was written before the failure stays, and Ctrl+Z can still take it back.
			this.#joinShellHistory(jobUndo);
			throw error;
		} finally {
			jobUndo.destroy();
		}
		if (job.signal.aborted) {
			// Taken back through the job's own manager: the shell's history never held it.
			return { cancelled: true, undoStep: () => jobUndo.undo() !== null };
		}
		if (!this.#joinShellHistory(jobUndo)) return { cancelled: false, undoStep: () => false };
		return { cancelled: false, undoStep: this.#undoOfLastStep() };
	}

	/** Hands a job's one step to the shell's undo history, latest; false when it wrote nothing. */
	#joinShellHistory(jobUndo: Y.UndoManager): boolean {
		const step = jobUndo.undoStack[0];
		if (!step) return false;
		jobUndo.undoStack = [];
		// `undoStack` and `clear` are the manager's public API; a new step ends what could be
		// redone, as any of this member's changes does.
		this.#undo.clear(false, true);
		this.#undo.undoStack.push(step);
		this.#undo.emit('stack-item-added', [
			{ stackItem: step, origin: jobUndo, type: 'undo', changedParentTypes: new Map() },
			this.#undo
		]);
		return true;
	}

	/** Lets the projection get ready for a large import while the user matches columns. */
	async prepareForImport(): Promise<void> {
		await this.#ready;
		this.#projector?.prepareForBulk();
	}

	/** A sync file for a colleague: what they lack since `since`, or everything. */
	async writeChanges(options: { memberName: string; since: Uint8Array | null; secret?: string }) {
		const { writeChanges } = await import('../features/sync/sync-file');
		await this.#ready;
		const written = await writeChanges(this.ws, { ...options, memberId: this.memberId });
		// A sync file carries the archive (or its changes since): an export like any other.
		await this.recordAudit({
			action: 'export',
			what: options.since ? 'syncFileChanges' : 'syncFile'
		});
		return written;
	}

	/** The whole workspace as a backup file, optionally encrypted with a passphrase. */
	async writeBackup(passphrase: string | undefined) {
		const { writeBackup } = await import('../features/backup/backup-file');
		await this.#ready;
		const made = await writeBackup(this.ws, { passphrase, kinds: this.kinds });
		const what = passphrase ? 'encrypted' : 'plain';
		await this.recordAudit({ action: 'backup', what, rows: made.summary.customers });
		return made;
	}

	/**
	 * Replaces the archive on this device with a backup; the page then reloads to open it. The
	 * backup is written and read back beside the stored archive before it takes that archive's
	 * place in one transaction (see stored-replacement.ts): when that fails, nothing has changed
	 * and this archive keeps working (`replaced: false`, with the reason). Other tabs are told
	 * to reload rather than merge their old copy back in.
	 */
	replaceWithBackup(update: Uint8Array) {
		return this.#replaceArchive(update, { action: 'restore', what: 'replaceWithBackup' });
	}

	/** Replaces the archive (see `replaceWithBackup`), logging `facts` in the one that replaces it. */
	async #replaceArchive(
		update: Uint8Array,
		facts: AuditFacts
	): Promise<
		| { replaced: true; unchecked?: string; erasedLeftOut: number }
		| { replaced: false; reason: string }
	> {
		await this.#ready;
		// Customers erased here stay erased: the backup is stored without them (and with the
		// erasures, so their data is refused again if it comes back).
		let erasedLeftOut = 0;
		if (this.ws.doc.getMap<unknown>(ERASURES_ROOT).size > 0) {
			const [{ withoutErased, erasuresOf }, kinds] = await Promise.all([
				import('../features/privacy/erasure'),
				this.#allKinds()
			]);
			const cleaned = withoutErased(update, erasuresOf(this.ws), kinds);
			update = cleaned.update;
			erasedLeftOut = cleaned.customers;
		}
		const persistence = this.#persistence;
		if (!persistence?.db) throw new Error('the archive’s storage is closed');
		// The restore is logged in the archive that takes this one's place.
		const { auditEntryUpdate, thisDevice } = await import('../features/audit/audit-writes');
		const author = { at: Date.now(), by: this.memberId, device: thisDevice() };
		update = Y.mergeUpdates([update, auditEntryUpdate(facts, author)]);
		const resume = await persistence.pause();
		// Other tabs stop storing their copy first, so none writes the old archive over the new.
		this.#tabs?.announceReplaced();
		let unchecked: unknown = null;
		try {
			await replaceStoredArchive(persistence.db, this.names.docDbName, update);
		} catch (error) {
			if (error instanceof ArchiveUnchangedError) {
				resume();
				return { replaced: false, reason: describeError(error.reason) };
			}
			// The backup took the archive's place; only reading it back failed. This doc must not
			// write again all the same.
			unchecked = error;
		}
		this.#tabs?.announceReplaced();
		this.#projector?.stop();
		await persistence.destroy();
		this.#persistence = null;
		// The projection is of the old archive: the reload rebuilds it from the backup (it would
		// anyway, its state no longer matching, but a deleted one cannot be shown meanwhile).
		this.#db.close();
		await this.#db.delete().catch(() => undefined);
		return unchecked === null
			? { replaced: true, erasedLeftOut }
			: { replaced: true, unchecked: describeError(unchecked), erasedLeftOut };
	}

	/**
	 * Whether the doc holds any record a team would receive on joining: anything beyond the schema
	 * stamp, shop settings (`meta`) and member names. Deleted customers count: they are still in
	 * the doc and would be shared.
	 */
	async holdsRecords(): Promise<boolean> {
		await this.#ready;
		return (await import('./archive-extras')).holdsRecords(this.ws.doc);
	}

	/**
	 * Replaces the archive on this device with an empty one, for joining a team without sharing
	 * what is here (the page has the person download a backup first). Only this member's name and
	 * colour are carried over: they were just chosen for the team. Same guarantees as a backup
	 * replace: on failure nothing has changed.
	 */
	async replaceWithEmpty(): ReturnType<WorkspaceCore['replaceWithBackup']> {
		await this.#ready;
		const { emptyArchiveUpdate } = await import('./archive-extras');
		const update = emptyArchiveUpdate(this.ws, this.memberId);
		return this.#replaceArchive(update, { action: 'teamJoin', what: 'emptyArchive' });
	}

	/**
	 * Answers the team's transports, which live in the page (only it has WebRTC), against this
	 * doc: see `remote-sync-server.ts`. Their changes arrive as a colleague's would, never undone
	 * here. The page ends the link. It returns at once, so the page can shake hands with the team
	 * while the archive opens; messages wait in the port until the doc is loaded and can answer.
	 */
	async linkRemoteSync(port: DocPort): Promise<void> {
		void this.#ready
			.then(() => this.#serveRemoteSync(port))
			// Offline with a stale cache: the link stays unanswered, as a colleague out of reach would.
			.catch((error: unknown) => console.warn('Clientbook could not answer the team', error));
	}

	/** Loaded once a team links: a shop that syncs with nobody never carries the protocol. */
	async #serveRemoteSync(port: DocPort): Promise<void> {
		const [{ serveRemoteSync }, { streamStoredState }] = await Promise.all([
			import('../sync/remote-sync-server'),
			import('../crdt/stored-state')
		]);
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

/** The name a root type has in its doc (roots are few: a look through them is enough). */
function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
	for (const [name, root] of doc.share) if (root === type) return name;
	return undefined;
}
