import type { AnalysedRow, CustomerImportOptions } from './customer-import';
import type { AnalysedPurchase, PurchaseImportOptions } from './purchase-import';
import type { ReadFileResult } from './read-file';
import type { ImportTable } from './table';
import type { TextEncodingName } from './text-encoding';
import type {
	ImportFailureReason,
	ImportWorkerRequest,
	ImportWorkerResponse
} from './worker-protocol';

export class ImportFailure extends Error {
	constructor(
		readonly reason: ImportFailureReason | 'cancelled',
		detail = ''
	) {
		super(detail || reason);
		this.name = 'ImportFailure';
	}
}

type Pending = {
	resolve: (response: ImportWorkerResponse) => void;
	reject: (error: Error) => void;
	onProgress?: (done: number, total: number) => void;
};

/**
 * Talks to the import worker. Cancelling ends the worker outright (a parse cannot be
 * interrupted from inside), and the next request starts a fresh one.
 */
export class ImportWorkerClient {
	#worker: Worker | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<ImportWorkerResponse>) => {
			const message = event.data;
			const pending = this.#pending.get(message.id);
			if (!pending) return;
			if (message.type === 'progress') return pending.onProgress?.(message.done, message.total);
			this.#pending.delete(message.id);
			if (message.type === 'failed')
				pending.reject(new ImportFailure(message.reason, message.detail));
			else pending.resolve(message);
		};
		worker.onerror = (event) => this.#failAll(new ImportFailure('unexpected', event.message));
		this.#worker = worker;
		return worker;
	}

	#failAll(error: Error): void {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}

	#send(
		request: ImportWorkerRequest,
		onProgress?: Pending['onProgress'],
		transfer: Transferable[] = []
	): Promise<ImportWorkerResponse> {
		const worker = this.#ensureWorker();
		return new Promise((resolve, reject) => {
			this.#pending.set(request.id, { resolve, reject, onProgress });
			worker.postMessage(request, transfer);
		});
	}

	async read(
		bytes: ArrayBuffer,
		fileName: string,
		choice: { encoding?: TextEncodingName; sheet?: string } = {}
	): Promise<ReadFileResult> {
		const response = await this.#send({
			type: 'read',
			id: this.#nextId++,
			bytes,
			fileName,
			choice
		});
		if (response.type !== 'read') throw new ImportFailure('unexpected');
		return response.result;
	}

	async analyse(
		table: ImportTable,
		options: CustomerImportOptions,
		onProgress?: (done: number, total: number) => void
	): Promise<AnalysedRow[]> {
		const response = await this.#send(
			{ type: 'analyse', id: this.#nextId++, table, options },
			onProgress
		);
		if (response.type !== 'analysed') throw new ImportFailure('unexpected');
		return response.rows;
	}

	async analysePurchases(
		table: ImportTable,
		options: PurchaseImportOptions,
		onProgress?: (done: number, total: number) => void
	): Promise<AnalysedPurchase[]> {
		const response = await this.#send(
			{ type: 'analysePurchases', id: this.#nextId++, table, options },
			onProgress
		);
		if (response.type !== 'analysedPurchases') throw new ImportFailure('unexpected');
		return response.purchases;
	}

	cancel(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#failAll(new ImportFailure('cancelled'));
	}

	dispose(): void {
		this.cancel();
	}
}
