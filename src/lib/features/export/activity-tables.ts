import type { InteractionRecord, PurchaseRecord } from '../activity/activity-records';
import type { CustomerRecord } from '../customers/rules/customer';
import { centsToDecimal } from '../../domain/money';
import type { Translate } from './customer-table';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time as YYYY-MM-DD HH:MM, which spreadsheets and our import both read. */
export function localDateTime(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

type CustomerLookup = (id: string) => Pick<CustomerRecord, 'name' | 'phone' | 'email'> | undefined;

/**
 * Purchases, one row per line item, so each product has its quantity and amount. Lines of one
 * purchase share its number, date and customer; the discount and total are on every line of
 * the purchase. Amounts are plain decimals in the shop currency.
 */
export function purchaseExportTable(
	purchases: readonly PurchaseRecord[],
	customerOf: CustomerLookup,
	t: Translate
): string[][] {
	const header = [
		t('export.purchaseNumber'),
		t('export.dateColumn'),
		t('form.name'),
		t('form.phone'),
		t('form.email'),
		t('activity.product'),
		t('activity.quantity'),
		t('activity.unitPrice'),
		t('export.lineAmount'),
		t('activity.discount'),
		t('export.purchaseTotal'),
		t('activity.payment'),
		t('activity.channel'),
		t('activity.note')
	];
	const rows = [...purchases]
		.sort((a, b) => a.at - b.at)
		.flatMap((purchase) => {
			const customer = customerOf(purchase.customerId);
			const total =
				purchase.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0) -
				purchase.discountCents;
			return purchase.lines.map((line) => [
				purchase.id,
				localDateTime(purchase.at),
				customer?.name ?? '',
				customer?.phone ?? '',
				customer?.email ?? '',
				line.product,
				String(line.quantity),
				centsToDecimal(line.unitPriceCents),
				centsToDecimal(line.quantity * line.unitPriceCents),
				centsToDecimal(purchase.discountCents),
				centsToDecimal(total),
				t(`payment.${purchase.payment}`),
				t(`channel.${purchase.channel}`),
				purchase.note
			]);
		});
	return [header, ...rows];
}

export function interactionExportTable(
	interactions: readonly InteractionRecord[],
	customerOf: CustomerLookup,
	t: Translate
): string[][] {
	const header = [
		t('export.dateColumn'),
		t('form.name'),
		t('form.phone'),
		t('form.email'),
		t('activity.kind'),
		t('activity.direction'),
		t('activity.summary'),
		t('activity.outcome'),
		t('activity.nextStep'),
		t('activity.followUpDate'),
		t('activity.products')
	];
	const rows = [...interactions]
		.sort((a, b) => a.at - b.at)
		.map((interaction) => {
			const customer = customerOf(interaction.customerId);
			return [
				localDateTime(interaction.at),
				customer?.name ?? '',
				customer?.phone ?? '',
				customer?.email ?? '',
				t(`interactionKind.${interaction.kind}`),
				t(`direction.${interaction.direction}`),
				interaction.summary,
				interaction.outcome,
				interaction.nextStep,
				interaction.followUpDate,
				interaction.products.join(', ')
			];
		});
	return [header, ...rows];
}
