/// <reference lib="webworker" />
import { analyseCustomerRows } from './customer-import';
import { analysePurchaseRows } from './purchase-import';
import type { ImportWorkerRequest, ImportWorkerResponse } from './worker-protocol';
import { readImportBytes, UnreadableFileError } from './read-file';

/** Reading and checking a file runs here, so a 10,000-row file never freezes the page. */
const post = (message: ImportWorkerResponse) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ImportWorkerRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'read') {
			const result = await readImportBytes(
				new Uint8Array(request.bytes),
				request.fileName,
				request.choice
			);
			post({ type: 'read', id: request.id, result });
		} else {
			const progress = (done: number) =>
				post({ type: 'progress', id: request.id, done, total: request.table.rows.length });
			if (request.type === 'analyse') {
				const rows = analyseCustomerRows(request.table, request.options, progress);
				post({ type: 'analysed', id: request.id, rows });
			} else {
				const purchases = analysePurchaseRows(request.table, request.options, progress);
				post({ type: 'analysedPurchases', id: request.id, purchases });
			}
		}
	} catch (error) {
		post({
			type: 'failed',
			id: request.id,
			reason: error instanceof UnreadableFileError ? error.reason : 'unexpected',
			detail: error instanceof Error ? error.message : String(error)
		});
	}
};
