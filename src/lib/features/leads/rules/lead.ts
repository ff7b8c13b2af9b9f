import { candidatePhones } from '../../duplicates/rules/duplicates';
import type { CustomerFields, CustomerSource } from '../../customers/rules/customer';
import {
	DISCARD_REASONS,
	LEAD_VIAS,
	type DiscardReason,
	type LeadEventRow,
	type LeadVia
} from './lead-records';

export * from './lead-records';

export type LeadStatus = 'open' | 'qualified' | 'discarded';

export interface LeadState {
	ownerId: string;
	status: LeadStatus;
	/** Of the last discard, while discarded. */
	reason: DiscardReason | '';
	note: string;
	/** When and by whom the status was last decided (0 and '' while never). */
	decidedAt: number;
	decidedBy: string;
	dealId: string;
	via: LeadVia | '';
	/** Customers the shopkeeper said are someone else, though they share a phone. */
	keptApartFrom: ReadonlySet<string>;
}

const NO_ONE_APART: ReadonlySet<string> = new Set();

export function emptyLeadState(): LeadState {
	return {
		ownerId: '',
		status: 'open',
		reason: '',
		note: '',
		decidedAt: 0,
		decidedBy: '',
		dealId: '',
		via: '',
		keptApartFrom: NO_ONE_APART
	};
}

/** Entries in the order they took effect: by time, then id, the same on every device. */
export function inEffectOrder(events: readonly LeadEventRow[]): LeadEventRow[] {
	return [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Each lead's state, by customer id, from its entries. */
export function leadStates(events: readonly LeadEventRow[]): Map<string, LeadState> {
	const states = new Map<string, LeadState>();
	for (const event of inEffectOrder(events)) {
		const state = states.get(event.customerId) ?? emptyLeadState();
		states.set(event.customerId, applyLeadEvent(state, event));
	}
	return states;
}

function applyLeadEvent(state: LeadState, event: LeadEventRow): LeadState {
	const decided = { decidedAt: event.at, decidedBy: event.by };
	switch (event.kind) {
		case 'arrived':
			return { ...state, via: LEAD_VIAS.find((via) => via === event.reason) ?? state.via };
		case 'assign':
			return { ...state, ownerId: event.ref };
		case 'discard':
			return {
				...state,
				...decided,
				status: 'discarded',
				reason: DISCARD_REASONS.find((reason) => reason === event.reason) ?? 'other',
				note: event.note
			};
		case 'reopen':
			return { ...state, ...decided, status: 'open', reason: '', note: '', dealId: '' };
		case 'qualify':
			return { ...state, ...decided, status: 'qualified', reason: '', note: '', dealId: event.ref };
		case 'keepApart':
			return { ...state, keptApartFrom: new Set([...state.keptApartFrom, event.ref]) };
	}
}

/** What the inbox needs of a customer. */
export interface LeadCustomer extends Pick<
	CustomerFields,
	'name' | 'phone' | 'otherPhones' | 'stage'
> {
	id: string;
	source: CustomerSource | '';
	createdAt: number;
}

export interface InboxLead<C extends LeadCustomer = LeadCustomer> {
	customer: C;
	state: LeadState;
	/** Other customers with one of its phone numbers, not yet merged or kept apart. */
	twins: C[];
}

export type InboxView = LeadStatus;

/**
 * The leads in one view of the inbox, newest first. Open: customers at the lead stage with no
 * deal and no decision since; qualified: those made a deal of (here or on the board);
 * discarded: those set aside, until reopened.
 */
export function leadInbox<C extends LeadCustomer>(
	customers: readonly C[],
	states: ReadonlyMap<string, LeadState>,
	customersWithDeals: ReadonlySet<string>,
	view: InboxView
): InboxLead<C>[] {
	const shown: InboxLead<C>[] = [];
	const candidates: C[] = [];
	for (const customer of customers) {
		const state = states.get(customer.id) ?? emptyLeadState();
		if (statusOf(customer, state, customersWithDeals) === view) candidates.push(customer);
	}
	if (candidates.length === 0) return shown;
	const byPhone = phoneBook(customers);
	for (const customer of candidates) {
		const state = states.get(customer.id) ?? emptyLeadState();
		const twins = view === 'open' ? twinsOf(customer, byPhone, state.keptApartFrom) : [];
		shown.push({ customer, state, twins });
	}
	return shown.sort((a, b) => b.customer.createdAt - a.customer.createdAt);
}

/** Where a customer stands as a lead; null when it is no lead at all. */
export function statusOf(
	customer: LeadCustomer,
	state: LeadState,
	customersWithDeals: ReadonlySet<string>
): LeadStatus | null {
	if (state.status === 'discarded') return 'discarded';
	if (state.status === 'qualified') return 'qualified';
	if (customer.stage !== 'lead') return null;
	return customersWithDeals.has(customer.id) ? 'qualified' : 'open';
}

function phoneBook<C extends LeadCustomer>(customers: readonly C[]): Map<string, C[]> {
	const book = new Map<string, C[]>();
	for (const customer of customers) {
		for (const digits of new Set(candidatePhones(customer))) {
			const holders = book.get(digits);
			if (holders) holders.push(customer);
			else book.set(digits, [customer]);
		}
	}
	return book;
}

function twinsOf<C extends LeadCustomer>(
	customer: C,
	byPhone: ReadonlyMap<string, C[]>,
	keptApart: ReadonlySet<string>
): C[] {
	const twins = new Map<string, C>();
	for (const digits of candidatePhones(customer))
		for (const other of byPhone.get(digits) ?? [])
			if (other.id !== customer.id && !keptApart.has(other.id)) twins.set(other.id, other);
	return [...twins.values()];
}

/** How many leads each view holds, for the view switch. */
export function inboxCounts(
	customers: readonly LeadCustomer[],
	states: ReadonlyMap<string, LeadState>,
	customersWithDeals: ReadonlySet<string>
): Record<InboxView, number> {
	const counts: Record<InboxView, number> = { open: 0, qualified: 0, discarded: 0 };
	for (const customer of customers) {
		const status = statusOf(
			customer,
			states.get(customer.id) ?? emptyLeadState(),
			customersWithDeals
		);
		if (status) counts[status]++;
	}
	return counts;
}

/** A lead typed in at the inbox. */
export interface NewLeadFields {
	name: string;
	phone: string;
	source: CustomerSource | '';
	ownerId: string;
	notes: string;
}
