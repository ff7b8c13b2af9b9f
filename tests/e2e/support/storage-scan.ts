import type { Page } from '@playwright/test';

/**
 * Every record of every IndexedDB database this page's origin holds, each value serialised
 * (binary values read as text, as Yjs stores its updates): which of `words` any holds.
 */
export function scanStorage(page: Page, words: string[]): Promise<string[]> {
	return page.evaluate(async (words) => {
		const found = new Set<string>();
		const asText = (value: unknown): string =>
			JSON.stringify(value, (_key, inner: unknown) =>
				inner instanceof Uint8Array || inner instanceof ArrayBuffer
					? new TextDecoder().decode(inner)
					: inner
			) ?? '';
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const store of db.objectStoreNames) {
				const values = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				for (const value of values) {
					const text = asText(value);
					for (const word of words) if (text.includes(word)) found.add(`${name}/${store}: ${word}`);
				}
			}
			db.close();
		}
		return [...found];
	}, words);
}
