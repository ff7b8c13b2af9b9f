import enFirstRoute from './en/first-route.json';
import enOnDemand from './en/on-demand.json';
import zhFirstRoute from './zh-CN/first-route.json';
import zhOnDemand from './zh-CN/on-demand.json';

/**
 * Each language's whole catalogue, both parts, for code that reads our labels as data instead
 * of showing them through `t`: the import recognises the headers and choice words our export
 * writes in either language. It carries every message of both languages, so the first route
 * must not import it (tests/unit/i18n-first-route.test.ts checks).
 */
export const enMessages = { ...enFirstRoute, ...enOnDemand };
export const zhMessages = { ...zhFirstRoute, ...zhOnDemand };
