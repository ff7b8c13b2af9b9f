/** Whether the browser promised to keep our data, and how much room there is. */
class StorageStatus {
	persisted = $state<boolean | null>(null);
	usage = $state<number | null>(null);
	quota = $state<number | null>(null);
	askedAndDenied = $state(false);

	async refresh(): Promise<void> {
		const storage = navigator.storage;
		if (!storage) return;
		this.persisted = storage.persisted ? await storage.persisted() : null;
		if (storage.estimate) {
			const estimate = await storage.estimate();
			this.usage = estimate.usage ?? null;
			this.quota = estimate.quota ?? null;
		}
	}

	/**
	 * Asks the browser to keep our data. At start-up this happens quietly; when the user asks
	 * (the button in Settings) a refusal is reported so they know to try installing the app.
	 */
	async requestPersistence(askedByUser = false): Promise<void> {
		const storage = navigator.storage;
		if (!storage?.persist) return;
		const granted = await storage.persist();
		if (askedByUser) this.askedAndDenied = !granted;
		await this.refresh();
	}
}

export const storageStatus = new StorageStatus();
