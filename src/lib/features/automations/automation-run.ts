import type { AnalyticsColumns } from '../../analytics/snapshot';
import { entitiesOf, entityOf, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { localDateKey } from '../../domain/dates';
import { DEMO_MARK, IMPORTED_MARK } from '../../crdt/stamps';
import { liveFieldDefs } from '../custom-fields/custom-field-commands';
import { customerLoyalty, loyaltySettingsOf } from '../loyalty/loyalty-reads';
import { readProduct } from '../products/product-records';
import { readSegment } from '../segments/kinds';
import type { SegmentCustomer } from '../segments/rules/segment-match';
import type { PlannedResult } from './automation-commands';
import { planAutomations } from './automation-plan';
import { automationRules } from './automation-reads';
import { resultId, type AutomationRow } from './rules/automations';

/**
 * What automation rules would do today, in the workspace worker: every enabled rule's, or only
 * `rule`'s (a dry run before it is turned on). Customers come as the projection's rows, with
 * their metrics; the analytics columns are read only when a rule names a segment.
 */
export async function planInWorker(
	ws: WorkspaceDoc,
	rule: AutomationRow | undefined,
	customerRows: () => Promise<SegmentCustomer[]>,
	columns: () => Promise<AnalyticsColumns>
): Promise<PlannedResult[]> {
	const rules = rule ? [rule] : automationRules(ws).filter((r) => r.enabled);
	if (rules.length === 0) return [];
	const started = performance.now();
	const customers = (await customerRows()).filter(
		(row) => !(row as { deletedAt?: number }).deletedAt
	);
	const tests = new Map<string, ((customer: SegmentCustomer) => boolean) | null>();
	const segmentIds = [...new Set(rules.map((r) => r.segmentId).filter(Boolean))];
	if (segmentIds.length > 0) {
		const [{ segmentTest, usesBirthdayMonth }, { behaviourData }, { readDefinition }, lunar] =
			await Promise.all([
				import('../segments/rules/segment-match'),
				import('../segments/segment-data'),
				import('../segments/rules/segment'),
				import('../care/rules/lunar-month')
			]);
		const catalogue = [...entitiesOf(ws.products)].map(([id, map]) => readProduct(id, map));
		const behaviour = behaviourData(await columns(), catalogue);
		const customFields = new Set(liveFieldDefs(ws).map((def) => def.id));
		for (const id of segmentIds) {
			const map = entityOf(ws.doc.getMap('segments'), id);
			const definition = map && readDefinition(readSegment(id, map)?.definition);
			tests.set(
				id,
				definition
					? segmentTest(definition, {
							now: Date.now(),
							behaviour,
							customFields,
							...(usesBirthdayMonth(definition)
								? { lunarMonthOf: lunar.lunarBirthdayMonths(new Date().getFullYear()) }
								: {})
						})
					: null
			);
		}
	}
	const settings = loyaltySettingsOf(ws);
	const now = Date.now();
	const plan = planAutomations(rules, customers, {
		today: localDateKey(now),
		segmentTest: (id) => tests.get(id) ?? null,
		loyalty: settings.enabled
			? (customerId) => {
					const standing = customerLoyalty(ws, customerId, now, settings);
					return { tierChanges: standing.tier.changes, expiring: standing.points.expiringSoon };
				}
			: null,
		tierIndex: (tierId) => settings.tiers.list.findIndex((tier) => tier.id === tierId),
		broughtIn: (customerId) => {
			const map = entityOf(ws.customers, customerId);
			return map?.get(IMPORTED_MARK) === true || map?.get(DEMO_MARK) === true;
		}
	});
	performance.measure('clientbook:automation-plan', { start: started });
	// What was done already (here, or on a colleague's device and synced) is no part of the plan:
	// a dry run counts only what turning the rule on would do now.
	return plan.filter(
		(result) => !ws.automationLog.has(resultId(result.ruleId, result.customerId, result.occasion))
	);
}
