/**
 * What staff see of customers not assigned to them (issue: privacy, roles): enough to recognise
 * a caller, not enough to copy a phone book. A customer is theirs when they own the customer's
 * lead or one of the customer's deals.
 */
export function maskPhone(phone: string): string {
	let digits = [...phone].filter((char) => /\d/.test(char)).join('');
	// A mainland number with its country code is shown as it is dialled at home: 138****8001.
	if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	if (digits.length < 7) return phone === '' ? '' : '••••';
	return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskAddress(address: string): string {
	return address.trim() === '' ? '' : '••••••';
}
