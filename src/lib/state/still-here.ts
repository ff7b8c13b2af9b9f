import { page } from '$app/state';

/**
 * Remembers which page the shopkeeper is on; the check answers whether they still are. A save
 * or delete answered late (slow storage) must not pull someone who moved on back to where the
 * step began.
 */
export function stillHere(): () => boolean {
	const where = page.url.pathname;
	return () => page.url.pathname === where;
}
