import * as v from 'valibot';

/**
 * The structure of what commands take, checked as a call crosses from the page: a command
 * never meets a number where it reads text. What the values must be (a name is required, a
 * discount fits the lines) is each command's own rule, answered with a result the form shows.
 */
export const id = v.string();
export const text = v.string();
export const moment = v.number();
export const idList = v.array(v.string());
/** An object with at least these fields; other fields pass on to the command unchanged. */
export const shape = v.looseObject;

export const customerFields = shape({ name: text, tags: v.array(text) });
export const customerPatch = shape({});
export const purchaseFields = shape({
	customerId: id,
	at: moment,
	lines: v.array(shape({ quantity: v.number(), unitPriceCents: v.number() }))
});
export const newCatalogueProducts = v.array(
	shape({ line: v.number(), fields: shape({ name: text }) })
);
export const interactionFields = shape({
	customerId: id,
	at: moment,
	kind: text,
	direction: text,
	summary: text,
	products: v.array(text)
});
export const taskFields = shape({ customerId: id, title: text, due: text, dueTime: text });
export const productFields = shape({
	name: text,
	category: text,
	priceCents: v.number(),
	active: v.boolean()
});
export const fieldDefInput = shape({
	labelEn: text,
	labelZh: text,
	type: text,
	options: v.array(text),
	showInList: v.boolean()
});
export const memberProfile = shape({ name: text, color: text });
export const bytes = v.instance(Uint8Array);
