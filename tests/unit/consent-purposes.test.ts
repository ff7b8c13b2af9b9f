import { describe, expect, it } from 'vitest';
import { type ConsentRow } from '../../src/lib/features/leads/rules/consent';
import {
	allowedPurposes,
	consentStanding,
	latestByCustomer,
	mayMarket,
	reachableByAny,
	reachableFor
} from '../../src/lib/features/leads/rules/consent-reach';

let next = 0;
const row = (
	customerId: string,
	purpose: ConsentRow['purpose'],
	decision: ConsentRow['decision'],
	at: number
): ConsentRow => ({
	id: `r${next++}`,
	customerId,
	purpose,
	decision,
	at,
	method: 'form',
	by: 'member-a',
	text: ''
});

describe('consent per purpose', () => {
	it('stands by the latest decision, else the general answer from before purposes', () => {
		const latest = latestByCustomer([
			row('c1', 'sms', 'agreed', 1),
			row('c1', 'sms', 'withdrawn', 5),
			row('c1', 'email', 'agreed', 3)
		]).get('c1')!;
		expect(consentStanding('unknown', latest, 'sms')).toBe('withdrawn');
		expect(consentStanding('unknown', latest, 'email')).toBe('agreed');
		expect(consentStanding('unknown', latest, 'wechat')).toBe('unknown');
		expect(consentStanding('no', latest, 'wechat')).toBe('declined');
		expect(consentStanding('yes', latest, 'phone')).toBe('agreed');
		// A recorded decision outweighs the general answer.
		expect(consentStanding('yes', latest, 'sms')).toBe('withdrawn');
	});

	it('never markets to a decline or a withdrawal; never-asked only when the shop allows it', () => {
		expect(mayMarket('agreed', true)).toBe(true);
		expect(mayMarket('declined', false)).toBe(false);
		expect(mayMarket('withdrawn', false)).toBe(false);
		expect(mayMarket('unknown', false)).toBe(true);
		expect(mayMarket('unknown', true)).toBe(false);
		expect([...allowedPurposes('unknown', { sms: row('c', 'sms', 'declined', 1) }, false)]).toEqual(
			['wechat', 'email', 'phone']
		);
	});

	it('splits a marketing list by channel and counts who is left out and why', () => {
		const customers = [
			{ id: 'agreed', consent: 'unknown' as const },
			{ id: 'withdrew', consent: 'yes' as const },
			{ id: 'declined-all', consent: 'no' as const },
			{ id: 'never-asked', consent: 'unknown' as const }
		];
		const consents = latestByCustomer([
			row('agreed', 'sms', 'agreed', 1),
			row('withdrew', 'sms', 'withdrawn', 2)
		]);
		const lenient = reachableFor(customers, consents, 'sms', false);
		expect(lenient.reachable.map((c) => c.id)).toEqual(['agreed', 'never-asked']);
		expect(lenient.leftOut).toEqual({ declined: 1, withdrawn: 1, unknown: 0 });
		const strict = reachableFor(customers, consents, 'sms', true);
		expect(strict.reachable.map((c) => c.id)).toEqual(['agreed']);
		expect(strict.leftOut).toEqual({ declined: 1, withdrawn: 1, unknown: 1 });

		// A send list chooses the channel per person: anyone with one channel left stays.
		const any = reachableByAny(customers, consents, true);
		expect(any.reachable.map((c) => c.id)).toEqual(['agreed', 'withdrew']);
		expect(any.leftOut).toEqual({ declined: 1, withdrawn: 0, unknown: 1 });
	});
});
