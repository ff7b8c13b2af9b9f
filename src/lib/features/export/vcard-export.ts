import vCard from 'vcf';
import { splitList, type CustomerRecord } from '../customers/rules/customer';

/** vCard 3.0 text values escape backslashes, commas, semicolons and line breaks. */
function escape(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/,/g, '\\,')
		.replace(/;/g, '\\;')
		.replace(/\r?\n/g, '\\n');
}

function hasHan(text: string): boolean {
	return /\p{Script=Han}/u.test(text);
}

/**
 * Structured name parts (family; given): a Chinese name's first character is the family
 * name; a Latin name's last word is. Only a guess for N; FN keeps the name exactly.
 */
function nameParts(name: string): [string, string] {
	const trimmed = name.trim();
	if (hasHan(trimmed) && !trimmed.includes(' ')) return [trimmed.slice(0, 1), trimmed.slice(1)];
	const words = trimmed.split(/\s+/);
	if (words.length < 2) return ['', trimmed];
	return [words.at(-1)!, words.slice(0, -1).join(' ')];
}

function card(customer: CustomerRecord): string {
	const c = new vCard();
	const [family, given] = nameParts(customer.name);
	c.set('fn', escape(customer.name));
	c.set('n', `${escape(family)};${escape(given)};;;`);
	const phones = [customer.phone, ...splitList(customer.otherPhones)].filter(Boolean);
	phones.forEach((phone, i) =>
		c.add('tel', escape(phone), { type: i === 0 ? ['cell', 'pref'] : ['voice'] })
	);
	const emails = [customer.email, ...splitList(customer.otherEmails)].filter(Boolean);
	emails.forEach((email, i) =>
		c.add('email', escape(email), { type: i === 0 ? ['internet', 'pref'] : ['internet'] })
	);
	if (customer.street || customer.city || customer.province) {
		const street = [customer.district, customer.street].filter(Boolean).join(' ');
		c.add('adr', ['', '', street, customer.city, customer.province, '', ''].map(escape).join(';'));
	}
	if (customer.company) c.set('org', escape(customer.company));
	if (customer.occupation) c.set('title', escape(customer.occupation));
	// A lunar birthday is no Gregorian date: as BDAY a phone would remind on the wrong day. Our
	// own import reads it back from X-LUNAR-BIRTHDAY.
	if (customer.birthday && customer.birthdayCalendar === 'lunar') {
		c.add('x-lunar-birthday', customer.birthday);
	} else if (customer.birthday) c.set('bday', customer.birthday);
	if (customer.notes) c.set('note', escape(customer.notes));
	if (customer.tags.length > 0) c.set('categories', customer.tags.map(escape).join(','));
	if (customer.wechat) c.add('x-wechat', escape(customer.wechat));
	return c.toString('3.0');
}

/** Contact cards (vCard 3.0, UTF-8) that phones and mail programs import. */
export function customersToVCards(customers: readonly CustomerRecord[]): string {
	return customers.map(card).join('\r\n') + '\r\n';
}
