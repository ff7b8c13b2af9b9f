import { changedCustomerFields, type CustomerFieldName, type CustomerFields } from './customer';
import type { CustomValue } from '../../custom-fields/rules/custom-fields';

export type ChangeValue = string | number | boolean | string[] | null;

/**
 * One field's change: `field` is a customer field name, `custom.<field id>`, or, for an edited
 * purchase or conversation, `purchase.<field>` / `interaction.<field>` (see event-changes.ts).
 */
export interface FieldChange {
	field: CustomerFieldName | `custom.${string}` | `purchase.${string}` | `interaction.${string}`;
	from: ChangeValue;
	to: ChangeValue;
}

const orNull = (value: CustomValue | undefined): ChangeValue =>
	value === undefined ? null : value;

/** What an edit changed, field by field, for the customer's history. */
export function fieldChanges(before: CustomerFields, after: CustomerFields): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const key of Object.keys(changedCustomerFields(before, after)) as CustomerFieldName[]) {
		if (key === 'custom') {
			const ids = new Set([...Object.keys(before.custom), ...Object.keys(after.custom)]);
			for (const id of ids) {
				const from = before.custom[id];
				const to = after.custom[id];
				if (JSON.stringify(from) !== JSON.stringify(to)) {
					changes.push({ field: `custom.${id}`, from: orNull(from), to: orNull(to) });
				}
			}
		} else {
			changes.push({ field: key, from: before[key] as ChangeValue, to: after[key] as ChangeValue });
		}
	}
	return changes;
}
