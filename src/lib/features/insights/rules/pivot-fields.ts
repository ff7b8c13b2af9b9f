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
/** Customer value's scores as of the day the report is worked out (see features/value). */
export const VALUE_DIMENSIONS = ['rfmSegment', 'abcClass', 'churnRisk'] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];
export type PivotDimension =
	| (typeof CUSTOMER_DIMENSIONS)[number]
	| (typeof PURCHASE_DIMENSIONS)[number]
	| ValueDimension
	| `custom:${string}`;

export const PIVOT_MEASURES = [
	'revenue',
	'purchases',
	'customers',
	'averageOrder',
	'quantity',
	'repeatRate'
] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];
