/** A name as typed: compatibility forms folded (full-width letters), spaces collapsed, any case. */
function normalised(text: string): string {
	return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/** Whether what was typed names the customer, so an erasure is meant and not a slip. */
export function confirmsErasure(typed: string, name: string): boolean {
	const wanted = normalised(name);
	return wanted !== '' && normalised(typed) === wanted;
}
