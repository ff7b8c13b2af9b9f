import type { WorkspaceSession } from '../../../state/workspace.svelte';
import type { ChartId, Dashboard, SeriesId } from '../dashboard';
import { InsightsClient } from '../insights-client';
import { customerList } from '../../customers/ui/customer-list.svelte';
import type { SegmentAnswer, SegmentWant } from '../insights-protocol';
import type { PivotResult, PivotSpec } from '../pivot-report';
import type { ConditionGroup } from '../../segments/rules/segment';
import type { ValueSettings } from '../../value/rules/value-settings';
import type { ValuePick, ValueReport } from '../../value/value-report';
import type { CustomerValueAnswer } from '../../value/value-answers';
import type { HoldoutCheck } from '../../value/holdout';
import type { Recommendation } from '../../value/recommendations';
import { ValueFactsTable } from '../../value/value-facts';
import { localDateKey } from '../../../domain/dates';
import { customPeriod, presetPeriod, type Period, type PeriodPreset } from '../rules/periods';

export type PeriodChoice = PeriodPreset | 'custom';

/** How long after the last page of Insights closes the worker stops following changes. */
const UNWATCH_AFTER_MS = 10_000;

/**
 * The dashboard as the shopkeeper left it: the chosen period survives going to a customer and
 * back. Numbers come from the insights worker; this asks again whenever the period, the
 * archive's events or its customers change, and shows only the latest answer.
 */
export class InsightsState {
	choice = $state<PeriodChoice>('thisMonth');
	/** The custom range, both days included (YYYY-MM-DD). */
	customFrom = $state('');
	customTo = $state('');
	dashboard = $state.raw<Dashboard | null>(null);
	/** Counts the answers shown, so a chart can say which one it draws. */
	version = $state(0);
	/** Set while an answer for the current question is on its way. */
	loading = $state(false);
	failure = $state<string | null>(null);
	/** Moves on when what the worker reads itself (customers, catalogue, fields) changes. */
	customersVersion = $state(0);

	#client: InsightsClient | null = null;
	/** The columns last handed (or being handed) to the worker, and the events version they are of. */
	#columns: Promise<void> | null = null;
	#columnsVersion = -1;
	#columnsHaveInteractions = false;
	#columnsGeneration = 0;
	#withInteractions = false;
	#latest = 0;

	/** The period chosen as of `now`; null for a custom range not yet complete or reversed. */
	period(now: number): Period | null {
		if (this.choice !== 'custom') return presetPeriod(this.choice, now);
		if (!this.customFrom || !this.customTo) return null;
		return customPeriod(this.customFrom, this.customTo);
	}

	/**
	 * Starts handing the worker the archive's events as of `eventsVersion`, unless that is under
	 * way or done: the route's load calls it, so the columns are built while the page loads.
	 */
	prepare(
		session: WorkspaceSession,
		eventsVersion: number,
		options: { interactions?: boolean } = {}
	): Promise<void> {
		// Segments may ask about interactions; once they have, the columns keep them.
		const interactions = (this.#withInteractions ||= options.interactions === true);
		const current =
			this.#columnsVersion === eventsVersion && this.#columnsHaveInteractions === interactions;
		if (this.#columns && current) return this.#columns;
		const client = this.#connect(session);
		this.#columnsVersion = eventsVersion;
		this.#columnsHaveInteractions = interactions;
		const started = performance.now();
		const generation = ++this.#columnsGeneration;
		const columns = session.analyticsColumns({ interactions }).then((columns) => {
			performance.measure('clientbook:insights-columns', { start: started });
			// Newer columns may have been asked for meanwhile (a newer version, or with
			// interactions): only the latest request's reach the worker.
			if (generation === this.#columnsGeneration) client.setColumns(columns);
		});
		this.#columns = columns;
		// A failure is reported by `show`, and the next call tries again.
		columns.catch(() => {
			if (this.#columns === columns) this.#columns = null;
		});
		return columns;
	}

	/** Asks for the period's dashboard with the archive as it is at `eventsVersion`. */
	async show(session: WorkspaceSession, period: Period, eventsVersion: number): Promise<void> {
		const asked = ++this.#latest;
		this.loading = true;
		try {
			await this.prepare(session, eventsVersion);
			if (asked !== this.#latest) return;
			const started = performance.now();
			const dashboard = await this.#client!.dashboard(period);
			performance.measure('clientbook:insights-dashboard', { start: started });
			if (asked !== this.#latest) return;
			this.dashboard = dashboard;
			this.version++;
			this.failure = null;
		} catch (error) {
			if (asked === this.#latest)
				this.failure = error instanceof Error ? error.message : String(error);
		} finally {
			if (asked === this.#latest) this.loading = false;
		}
	}

	/** The ids of the customers behind a chart's point, in the shown period. */
	customersBehind(chart: ChartId, key: string, series?: SeriesId): Promise<string[]> {
		const period = this.dashboard?.period;
		if (!period || !this.#client) return Promise.resolve([]);
		return this.#client.customersBehind(period, chart, key, series);
	}

	/** Who matches a segment's definition now (the columns brought up to date first). */
	async segment(
		session: WorkspaceSession,
		definition: ConditionGroup,
		want: SegmentWant
	): Promise<SegmentAnswer> {
		await this.prepare(session, session.eventsVersion, { interactions: true });
		return this.#client!.segment(definition, Date.now(), want, session.valueSettings);
	}

	/** A pivot table over the archive as it is now. */
	async pivot(session: WorkspaceSession, spec: PivotSpec): Promise<PivotResult> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.pivot({ ...spec, valueSettings: session.valueSettings });
	}

	/** The customers behind one of a pivot's cells (TOTAL for a total). */
	async pivotCustomers(
		session: WorkspaceSession,
		spec: PivotSpec,
		rowKey: string,
		columnKey: string
	): Promise<string[]> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.pivotCustomers(
			{ ...spec, valueSettings: session.valueSettings },
			rowKey,
			columnKey
		);
	}

	/** Customer value as of a day, over the archive as it is now. */
	async value(
		session: WorkspaceSession,
		asOf: string,
		settings: ValueSettings,
		refit = false
	): Promise<ValueReport> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.value(asOf, settings, refit);
	}

	async customerValue(
		session: WorkspaceSession,
		customerId: string,
		asOf: string,
		settings: ValueSettings
	): Promise<CustomerValueAnswer> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.customerValue(customerId, asOf, settings);
	}

	async valueCustomers(
		session: WorkspaceSession,
		asOf: string,
		settings: ValueSettings,
		pick: ValuePick
	): Promise<string[]> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.valueCustomers(asOf, settings, pick);
	}

	async holdout(session: WorkspaceSession, split: string, end: string): Promise<HoldoutCheck> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.holdout(split, end);
	}

	/** Products to suggest to a customer, or bought with a product (by its analytics key). */
	async recommend(
		session: WorkspaceSession,
		target: { customerId: string } | { productKey: string }
	): Promise<Recommendation[]> {
		await this.prepare(session, session.eventsVersion);
		return this.#client!.recommend(target);
	}

	/** Every customer's value scores today, by id (customers who never bought have none). */
	async valueFacts(session: WorkspaceSession): Promise<ValueFactsTable> {
		await this.prepare(session, session.eventsVersion);
		const today = localDateKey(Date.now());
		return new ValueFactsTable(await this.#client!.valueFacts(today, session.valueSettings));
	}

	#watchers = 0;
	#unwatch: ReturnType<typeof setTimeout> | undefined;

	/**
	 * Called by every page of Insights while it shows (returns the call for when it goes): the
	 * worker follows the customers' changes only then. Going from one page of Insights to the
	 * next does not stop it (each start reads the customers again).
	 */
	watch(): () => void {
		clearTimeout(this.#unwatch);
		if (this.#watchers++ === 0) this.#client?.watch(true);
		return () => {
			if (--this.#watchers > 0) return;
			this.#unwatch = setTimeout(() => this.#client?.watch(false), UNWATCH_AFTER_MS);
		};
	}

	#connect(session: WorkspaceSession): InsightsClient {
		if (this.#client) return this.#client;
		const rows = customerList.rowsIfCurrent(session.db);
		this.#client = new InsightsClient(
			session.db.name,
			rows && { rows, stillCurrent: () => customerList.rowsIfCurrent(session.db) === rows }
		);
		if (this.#watchers > 0) this.#client.watch(true);
		this.#client.onChanged = (what) => {
			// A customer deleted, restored or added changes whose sales count, though no event
			// changed: the columns are asked for again. The catalogue and fields only change
			// what segments match.
			if (what === 'customers') this.#columns = null;
			this.customersVersion++;
		};

		return this.#client;
	}
}

export const insights = new InsightsState();
