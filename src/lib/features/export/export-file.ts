import type { CustomerRecord } from '../customers/rules/customer';
import type { CustomFieldDef } from '../custom-fields/rules/custom-fields';
import { localDateKey } from '../../domain/dates';
import { interactionExportTable, purchaseExportTable } from './activity-tables';
import { customerExportTable, type Translate } from './customer-table';
import { downloadFile, toCsv } from './csv';
import { customersToVCards } from './vcard-export';
import type { InteractionRow, ProjectionDb, PurchaseRow } from '../../projection/db';
import type { ValueLookup } from '../segments/rules/segment-match';

export type ExportScope = 'list' | 'all' | 'purchases' | 'interactions';
export type ExportFormat = 'csv' | 'xlsx' | 'vcard';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Makes and downloads an export; XLSX support loads only when someone asks for it. */
export async function exportFile(options: {
	scope: ExportScope;
	format: ExportFormat;
	listCustomers: readonly CustomerRecord[];
	db: ProjectionDb;
	/** Purchases and interactions come from the workspace worker (see EventIndex). */
	events: {
		allPurchases(): Promise<PurchaseRow[]>;
		allInteractions(): Promise<InteractionRow[]>;
	};
	defs: readonly CustomFieldDef[];
	t: Translate;
	locale: string;
	/** Customer value's scores to add as columns (customers' exports only). */
	valueFacts?: () => Promise<ValueLookup>;
	/** For a marketing list: the customers it may hold (customers' exports only). */
	keep?: (customers: readonly CustomerRecord[]) => CustomerRecord[];
}): Promise<{ file: string; count: number }> {
	const { scope, format, db, t } = options;
	const stamp = localDateKey(Date.now());
	const base = `clientbook-${scope === 'list' ? 'customers-list' : scope === 'all' ? 'customers' : scope}-${stamp}`;
	let sheetName = t('export.customersSheet');
	let rows: string[][];
	let count: number;
	if (scope === 'list' || scope === 'all') {
		const listed =
			scope === 'list' ? options.listCustomers : await db.customers.orderBy('sortName').toArray();
		const customers = options.keep ? options.keep(listed) : listed;
		count = customers.length;
		if (format === 'vcard') {
			const file = `${base}.vcf`;
			downloadFile(file, customersToVCards(customers), 'text/vcard;charset=utf-8');
			return { file, count };
		}
		rows = customerExportTable(
			customers,
			options.defs,
			t,
			options.locale,
			await options.valueFacts?.()
		);
	} else {
		const customers = new Map((await db.customers.toArray()).map((row) => [row.id, row]));
		const customerOf = (id: string) => customers.get(id);
		if (scope === 'purchases') {
			const purchases = await options.events.allPurchases();
			count = purchases.length;
			rows = purchaseExportTable(purchases, customerOf, t);
			sheetName = t('export.purchasesSheet');
		} else {
			const interactions = await options.events.allInteractions();
			count = interactions.length;
			rows = interactionExportTable(interactions, customerOf, t);
			sheetName = t('export.interactionsSheet');
		}
	}
	if (format === 'xlsx') {
		const { tablesToXlsx } = await import('./xlsx');
		const file = `${base}.xlsx`;
		downloadFile(file, tablesToXlsx([{ name: sheetName, rows }]) as BlobPart, XLSX_TYPE);
		return { file, count };
	}
	const file = `${base}.csv`;
	downloadFile(file, toCsv(rows), 'text/csv;charset=utf-8');
	return { file, count };
}
