/**
 * How the shop rewards its customers: points earned and redeemed, when they expire, and the
 * membership tiers. Kept in the doc's meta map so every colleague's device applies the same
 * rules; read from there as untrusted input (a newer version or a stranger may have written
 * anything), each part that cannot be read falling back to its default.
 */
export interface LoyaltySettings {
	/** Off until the shop turns it on: no points are earned and no tiers shown meanwhile. */
	enabled: boolean;
	earn: {
		/** Points per whole currency unit paid (1 = a point per ¥1), in hundredths at most. */
		pointsPerUnit: number;
		rounding: PointsRounding;
		/** At most this many points for one order; 0 = no cap. */
		capPerOrder: number;
		/** Points are multiplied by this in the customer's birthday month (1 = no bonus). */
		birthdayMultiplier: number;
	};
	redeem: {
		/** What one point is worth off a purchase, in cents (10 = ¥0.10). */
		centsPerPoint: number;
		/** The fewest points one purchase may redeem. */
		minPoints: number;
	};
	/** Points expire at the end of the month this many months after they were earned; 0 = never. */
	expiryMonths: number;
	tiers: TierRules;
}

export type PointsRounding = 'down' | 'nearest' | 'up';
export const POINTS_ROUNDINGS: readonly PointsRounding[] = ['down', 'nearest', 'up'];

/** What a tier is reached by: lifetime points, spend or purchases in a rolling window. */
export type TierBasis = 'points' | 'spend' | 'purchases';
export const TIER_BASES: readonly TierBasis[] = ['points', 'spend', 'purchases'];

export interface TierRules {
	basis: TierBasis;
	/** For spend and purchases: the months counted back from each day; 0 = all time. */
	windowMonths: number;
	/**
	 * How long a customer who no longer qualifies keeps their tier before dropping one tier
	 * (and another after as long again); 0 = they drop to what they qualify for at once.
	 */
	keepMonths: number;
	/** Lowest first, thresholds rising; at most `MAX_TIERS`. */
	list: Tier[];
}

export interface Tier {
	/** Stable across renames, so a tier's history and automations keep naming it. */
	id: string;
	nameEn: string;
	nameZh: string;
	/** Points, cents or purchases, by the basis; the lowest tier may start at 0. */
	threshold: number;
	/** The member discount the purchase form suggests, in percent (0 = none). */
	discountPercent: number;
	/** Points earned are multiplied by this (1 = no bonus). */
	multiplier: number;
	benefits: string;
}

export const MAX_TIERS = 6;
export const MAX_TIER_NAME = 40;
export const MAX_BENEFITS = 500;

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = {
	enabled: false,
	earn: { pointsPerUnit: 1, rounding: 'down', capPerOrder: 0, birthdayMultiplier: 1 },
	redeem: { centsPerPoint: 10, minPoints: 0 },
	expiryMonths: 0,
	tiers: {
		basis: 'spend',
		windowMonths: 12,
		keepMonths: 3,
		list: [
			{
				id: 'silver',
				nameEn: 'Silver',
				nameZh: '银卡',
				threshold: 100_000,
				discountPercent: 0,
				multiplier: 1,
				benefits: ''
			},
			{
				id: 'gold',
				nameEn: 'Gold',
				nameZh: '金卡',
				threshold: 500_000,
				discountPercent: 5,
				multiplier: 1.5,
				benefits: ''
			}
		]
	}
};

const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function numberIn(value: unknown, min: number, max: number, fallback: number, step = 1): number {
	if (!isNumber(value) || value < min || value > max) return fallback;
	return Math.round(value / step) * step;
}

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};

const textOf = (value: unknown, max: number): string =>
	typeof value === 'string' ? value.slice(0, max) : '';

/** Hundredths: 0.01 is the finest rate or multiplier a shop can set, and arithmetic stays exact. */
const HUNDREDTH = 0.01;

function readTier(value: unknown, index: number): Tier | null {
	const v = record(value);
	const nameEn = textOf(v['nameEn'], MAX_TIER_NAME).trim();
	const nameZh = textOf(v['nameZh'], MAX_TIER_NAME).trim();
	if (!nameEn && !nameZh) return null;
	if (!isNumber(v['threshold']) || v['threshold'] < 0) return null;
	return {
		id: typeof v['id'] === 'string' && v['id'] ? v['id'].slice(0, 40) : `tier-${index}`,
		nameEn,
		nameZh,
		threshold: Math.round(v['threshold']),
		discountPercent: numberIn(v['discountPercent'], 0, 100, 0, HUNDREDTH),
		multiplier: numberIn(v['multiplier'], 1, 10, 1, HUNDREDTH),
		benefits: textOf(v['benefits'], MAX_BENEFITS)
	};
}

/**
 * Tiers as stored; none when they are not a rising list of at most six (a newer version's, a
 * stranger's): made-up tiers would give multipliers and discounts the shop never set.
 */
function readTierList(value: unknown): Tier[] {
	if (value === undefined) return DEFAULT_LOYALTY_SETTINGS.tiers.list;
	if (!Array.isArray(value) || value.length > MAX_TIERS) return [];
	const tiers = value.map(readTier);
	if (tiers.some((tier) => tier === null)) return [];
	const list = tiers as Tier[];
	const rising = list.every((tier, i) => i === 0 || tier.threshold > list[i - 1]!.threshold);
	const distinct = new Set(list.map((tier) => tier.id)).size === list.length;
	return rising && distinct ? list : [];
}

/** The settings in `value`, each part that is not readable replaced by its default. */
export function readLoyaltySettings(value: unknown): LoyaltySettings {
	if (typeof value !== 'object' || value === null) return DEFAULT_LOYALTY_SETTINGS;
	const d = DEFAULT_LOYALTY_SETTINGS;
	const v = record(value);
	const earn = record(v['earn']);
	const redeem = record(v['redeem']);
	const tiers = record(v['tiers']);
	return {
		enabled: v['enabled'] === true,
		earn: {
			pointsPerUnit: numberIn(earn['pointsPerUnit'], 0, 1000, d.earn.pointsPerUnit, HUNDREDTH),
			rounding: POINTS_ROUNDINGS.includes(earn['rounding'] as PointsRounding)
				? (earn['rounding'] as PointsRounding)
				: d.earn.rounding,
			capPerOrder: numberIn(earn['capPerOrder'], 0, 1e9, d.earn.capPerOrder),
			birthdayMultiplier: numberIn(
				earn['birthdayMultiplier'],
				1,
				10,
				d.earn.birthdayMultiplier,
				HUNDREDTH
			)
		},
		redeem: {
			centsPerPoint: numberIn(redeem['centsPerPoint'], 1, 1e6, d.redeem.centsPerPoint),
			minPoints: numberIn(redeem['minPoints'], 0, 1e9, d.redeem.minPoints)
		},
		expiryMonths: numberIn(v['expiryMonths'], 0, 120, d.expiryMonths),
		tiers: {
			basis: TIER_BASES.includes(tiers['basis'] as TierBasis)
				? (tiers['basis'] as TierBasis)
				: d.tiers.basis,
			windowMonths: numberIn(tiers['windowMonths'], 0, 120, d.tiers.windowMonths),
			keepMonths: numberIn(tiers['keepMonths'], 0, 120, d.tiers.keepMonths),
			list: readTierList(tiers['list'])
		}
	};
}
