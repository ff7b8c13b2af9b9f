import { describeError } from '$lib/domain/describe-error';
import { formatMoney } from '$lib/domain/money';
import { localDateKey } from '$lib/domain/dates';
import { wordsIn, type Locale } from '$lib/i18n/i18n.svelte';
import { downloadFile } from '$lib/features/export/csv';
import type { ChangeWords } from '$lib/features/activity/ui/change-text';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { CustomerData } from '../customer-data';
import { dataSections, type DataSection } from './data-sections';

/**
 * A customer's own copy of their data: gathered once in the worker, shown as a document in the
 * language chosen for them (the app's own language stays as it is), and saved as JSON.
 */
export class CustomerDataCopy {
	data = $state.raw<CustomerData | null>(null);
	/** Set when the customer is not in the archive. */
	missing = $state(false);
	error = $state<string | null>(null);
	words = $state.raw<ChangeWords | null>(null);
	/** Why the language asked for could not be loaded (offline before it was cached). */
	languageProblem = $state<string | null>(null);
	#languageAsked = 0;
	sections = $derived<DataSection[]>(
		this.data && this.words ? dataSections(this.data, this.words) : []
	);
	#session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	async load(customerId: string): Promise<void> {
		this.error = null;
		try {
			const data = await this.#session.customerData(customerId);
			this.data = data;
			this.missing = data === null;
		} catch (error) {
			this.error = describeError(error);
		}
	}

	/** Switches the copy's language; the shop's currency is written the customer's way too. */
	async useLanguage(language: Locale): Promise<void> {
		const asked = ++this.#languageAsked;
		try {
			const words = await wordsIn(language);
			// A later choice won the race: it sets the words itself.
			if (asked !== this.#languageAsked) return;
			const currency = this.#session.currency;
			this.words = { ...words, money: (cents) => formatMoney(cents, language, currency) };
			this.languageProblem = null;
		} catch (error) {
			// The copy stays in the language it was in; the page says why it did not change.
			if (asked === this.#languageAsked) this.languageProblem = describeError(error);
		}
	}

	/** Saves the JSON; returns the file's name. */
	saveJson(): string {
		if (!this.data) throw new Error('nothing gathered yet');
		const name = this.data.customer.name.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40);
		const file = `clientbook-customer-${name || this.data.customer.id}-${localDateKey(Date.now())}.json`;
		downloadFile(file, JSON.stringify(this.data, null, 2), 'application/json;charset=utf-8');
		return file;
	}
}
