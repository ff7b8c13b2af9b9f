/** What a pivot report can group by and measure: the choices its screen offers and a saved layout names. */
export const CUSTOMER_DIMENSIONS = [
	'province',
	'city',
	'district',
	'gender',
	'ageBand',
	'stage',
	'source',
	'tag',
	'createdBy'
] as const;
export const PURCHASE_DIMENSIONS = [
	'year',
	'quarter',
	'month',
	'week',
	'weekday',
	'product',
	'category',
	'payment',
	'channel'
] as const;
export type PivotDimension =
	(typeof CUSTOMER_DIMENSIONS)[number] | (typeof PURCHASE_DIMENSIONS)[number] | `custom:${string}`;

export const PIVOT_MEASURES = [
	'revenue',
	'purchases',
	'customers',
	'averageOrder',
	'quantity',
	'repeatRate'
] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];
