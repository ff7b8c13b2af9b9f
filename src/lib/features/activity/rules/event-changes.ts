import type { ChangeValue, FieldChange } from '../../customers/rules/field-changes';
import type { InteractionFields, PurchaseFields, PurchaseLine } from './activity-fields';
import { linesSubtotalCents } from './purchase-total';
import { centsToDecimal } from '../../../domain/money';

/**
 * What an edit of a purchase or a conversation changed, for the customer's history. Each is a
 * `FieldChange` whose field names the event kind (`purchase.total`, `interaction.summary`…), so
 * the history entry reads like a customer edit: field, old value, new value.
 */

/** How many days a deleted customer or event is listed in "Recently deleted". */
export const RECENTLY_DELETED_DAYS = 30;

/** Whether something deleted at `deletedAt` is still listed as recently deleted at `now`. */
export function isRecentlyDeleted(deletedAt: number, now: number): boolean {
	return now - deletedAt <= RECENTLY_DELETED_DAYS * 86_400_000;
}

/** "乌龙茶 × 2 @ 120.50": a line as the history stores it, the same in every language. */
export function lineText(line: PurchaseLine): string {
	return `${line.product} × ${line.quantity} @ ${centsToDecimal(line.unitPriceCents)}`;
}

/**
 * A stored history line taken apart again (see `lineText`), so the page can show the price in
 * the shop's currency; null for a text of another form (written by something else).
 */
export function readLineText(text: string): { item: string; unitPriceCents: number } | null {
	const match = /^(.+) @ (-?)(\d+)\.(\d{2})$/.exec(text);
	if (!match) return null;
	const cents = Number(match[3]) * 100 + Number(match[4]);
	if (!Number.isSafeInteger(cents)) return null;
	return { item: match[1]!, unitPriceCents: match[2] ? -cents : cents };
}

function change(field: FieldChange['field'], from: ChangeValue, to: ChangeValue): FieldChange {
	return { field, from, to };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((item, i) => item === b[i]);

const purchaseTotal = (fields: PurchaseFields) =>
	linesSubtotalCents(fields.lines) - fields.discountCents;

/** The fields of a purchase an edit changed; the total first whenever it moved. */
export function purchaseChanges(before: PurchaseFields, after: PurchaseFields): FieldChange[] {
	const changes: FieldChange[] = [];
	const totalBefore = purchaseTotal(before);
	const totalAfter = purchaseTotal(after);
	if (totalBefore !== totalAfter) changes.push(change('purchase.total', totalBefore, totalAfter));
	const linesBefore = before.lines.map(lineText);
	const linesAfter = after.lines.map(lineText);
	if (!sameList(linesBefore, linesAfter)) {
		changes.push(change('purchase.lines', linesBefore, linesAfter));
	}
	if (before.discountCents !== after.discountCents) {
		changes.push(change('purchase.discount', before.discountCents, after.discountCents));
	}
	if (before.at !== after.at) changes.push(change('purchase.at', before.at, after.at));
	if (before.payment !== after.payment) {
		changes.push(change('purchase.payment', before.payment, after.payment));
	}
	if (before.channel !== after.channel) {
		changes.push(change('purchase.channel', before.channel, after.channel));
	}
	if (before.note !== after.note) changes.push(change('purchase.note', before.note, after.note));
	return changes;
}

/** The fields of a conversation an edit changed. */
export function interactionChanges(
	before: InteractionFields,
	after: InteractionFields
): FieldChange[] {
	const changes: FieldChange[] = [];
	if (before.at !== after.at) changes.push(change('interaction.at', before.at, after.at));
	for (const key of ['kind', 'direction', 'summary', 'outcome', 'nextStep'] as const) {
		if (before[key] !== after[key]) {
			changes.push(change(`interaction.${key}`, before[key], after[key]));
		}
	}
	if (!sameList(before.products, after.products)) {
		changes.push(change('interaction.products', before.products, after.products));
	}
	return changes;
}
