import { entitiesOf, isDeleted, num, str, type WorkspaceDoc } from '../../crdt/workspace-doc';
import type { OccasionCustomer } from './rules/occasions';

/**
 * The live customers as occasions read them, straight from the doc, without their last purchase
 * (birthdays and anniversaries need none): far faster than reading 20,000 rows from storage.
 */
export function occasionCustomers(ws: WorkspaceDoc): OccasionCustomer[] {
	const found: OccasionCustomer[] = [];
	for (const [id, map] of entitiesOf(ws.customers)) {
		if (isDeleted(map)) continue;
		found.push({
			id,
			birthday: str(map, 'birthday'),
			birthdayCalendar: map.get('birthdayCalendar') === 'lunar' ? 'lunar' : '',
			createdAt: num(map, 'createdAt'),
			lastPurchaseAt: null
		});
	}
	return found;
}
