import type { AnalysedRow, CustomerImportOptions } from './customer-import';
import type { AnalysedPurchase, PurchaseImportOptions } from './purchase-import';
import type { ReadFileResult } from './read-file';
import type { ImportTable } from './table';
import type { TextEncodingName } from './text-encoding';

export type ImportWorkerRequest =
	| {
			type: 'read';
			id: number;
			bytes: ArrayBuffer;
			fileName: string;
			choice: { encoding?: TextEncodingName; sheet?: string };
	  }
	| { type: 'analyse'; id: number; table: ImportTable; options: CustomerImportOptions }
	| { type: 'analysePurchases'; id: number; table: ImportTable; options: PurchaseImportOptions };

export type ImportFailureReason =
	'empty' | 'workbook' | 'vcard' | 'noRows' | 'tooLarge' | 'unpackedTooLarge' | 'unexpected';

export type ImportWorkerResponse =
	| { type: 'read'; id: number; result: ReadFileResult }
	| { type: 'progress'; id: number; done: number; total: number }
	| { type: 'analysed'; id: number; rows: AnalysedRow[] }
	| { type: 'analysedPurchases'; id: number; purchases: AnalysedPurchase[] }
	| { type: 'failed'; id: number; reason: ImportFailureReason; detail: string };
