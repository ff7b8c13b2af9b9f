/**
 * Pages that open on a customer's own phone (a survey link): shown alone, without the shop's
 * archive, navigation or sync, so a stranger's device never opens an empty shop of its own.
 */
export const STANDALONE_ROUTE_IDS: readonly string[] = ['/survey'];

export const isStandaloneRoute = (id: string | null): boolean =>
	id !== null && STANDALONE_ROUTE_IDS.includes(id);
