import enFirstRoute from './en/first-route.json';
import enOnDemand from './en/on-demand.json';
import zhFirstRoute from './zh-CN/first-route.json';
import zhOnDemand from './zh-CN/on-demand.json';

type Catalogue = { [key: string]: string | Catalogue };

/**
 * A language's two parts as one catalogue: a section split between them (its first screen's
 * keys in one part, the rest in the other) holds the keys of both.
 */
export function joinParts<A extends object, B extends object>(first: A, rest: B): A & B {
	const joined: Catalogue = { ...(first as Catalogue) };
	for (const [key, value] of Object.entries(rest as Catalogue)) {
		const there = joined[key];
		joined[key] =
			typeof value === 'object' && typeof there === 'object' ? joinParts(there, value) : value;
	}
	return joined as A & B;
}

/**
 * Each language's whole catalogue, both parts, for code that reads our labels as data instead
 * of showing them through `t`: the import recognises the headers and choice words our export
 * writes in either language. It carries every message of both languages, so the first route
 * must not import it (tests/unit/i18n-first-route.test.ts checks).
 */
export const enMessages = joinParts(enFirstRoute, enOnDemand);
export const zhMessages = joinParts(zhFirstRoute, zhOnDemand);
