import { centsToDecimal, parseMoney } from '../../../domain/money';
import {
	MAX_BENEFITS,
	MAX_TIER_NAME,
	MAX_TIERS,
	type LoyaltySettings,
	type PointsRounding,
	type Tier,
	type TierBasis
} from './loyalty-settings';

/**
 * The Loyalty settings form: what is typed (text) and how it is read back into settings, with
 * one message key per field that cannot be read. Pure, so every rule is tested without a page.
 */
export interface TierDraft {
	id: string;
	nameEn: string;
	nameZh: string;
	threshold: string;
	discountPercent: string;
	multiplier: string;
	benefits: string;
}

export interface LoyaltySettingsForm {
	enabled: boolean;
	pointsPerUnit: string;
	rounding: PointsRounding;
	capPerOrder: string;
	birthdayMultiplier: string;
	pointValue: string;
	minPoints: string;
	expiryMonths: number;
	basis: TierBasis;
	windowMonths: number;
	keepMonths: number;
	tiers: TierDraft[];
}

export type LoyaltyFormErrors = Partial<Record<string, string>>;

const decimal = (value: number) => String(Math.round(value * 100) / 100);

function thresholdText(basis: TierBasis, threshold: number): string {
	return basis === 'spend' ? centsToDecimal(threshold) : String(threshold);
}

export function loyaltySettingsForm(settings: LoyaltySettings): LoyaltySettingsForm {
	return {
		enabled: settings.enabled,
		pointsPerUnit: decimal(settings.earn.pointsPerUnit),
		rounding: settings.earn.rounding,
		capPerOrder: settings.earn.capPerOrder > 0 ? String(settings.earn.capPerOrder) : '',
		birthdayMultiplier: decimal(settings.earn.birthdayMultiplier),
		pointValue: centsToDecimal(settings.redeem.centsPerPoint),
		minPoints: settings.redeem.minPoints > 0 ? String(settings.redeem.minPoints) : '',
		expiryMonths: settings.expiryMonths,
		basis: settings.tiers.basis,
		windowMonths: settings.tiers.windowMonths,
		keepMonths: settings.tiers.keepMonths,
		tiers: settings.tiers.list.map((tier) => tierDraft(settings.tiers.basis, tier))
	};
}

export function tierDraft(basis: TierBasis, tier: Tier): TierDraft {
	return {
		id: tier.id,
		nameEn: tier.nameEn,
		nameZh: tier.nameZh,
		threshold: thresholdText(basis, tier.threshold),
		discountPercent: tier.discountPercent > 0 ? decimal(tier.discountPercent) : '',
		multiplier: decimal(tier.multiplier),
		benefits: tier.benefits
	};
}

/** A number typed with at most two decimals within [min, max], or null. */
function readDecimal(text: string, min: number, max: number): number | null {
	const trimmed = text.trim();
	if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return value >= min && value <= max ? value : null;
}

function readWhole(text: string, max: number, emptyIs = 0): number | null {
	const trimmed = text.trim();
	if (trimmed === '') return emptyIs;
	if (!/^\d+$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return value <= max ? value : null;
}

export function readLoyaltySettingsForm(
	form: LoyaltySettingsForm
): { ok: true; settings: LoyaltySettings } | { ok: false; errors: LoyaltyFormErrors } {
	const errors: LoyaltyFormErrors = {};
	const pointsPerUnit = readDecimal(form.pointsPerUnit, 0, 1000);
	if (pointsPerUnit === null) errors['pointsPerUnit'] = 'loyalty.settings.errors.rate';
	const capPerOrder = readWhole(form.capPerOrder, 1e9);
	if (capPerOrder === null) errors['capPerOrder'] = 'loyalty.settings.errors.whole';
	const birthdayMultiplier = readDecimal(form.birthdayMultiplier, 1, 10);
	if (birthdayMultiplier === null)
		errors['birthdayMultiplier'] = 'loyalty.settings.errors.multiplier';
	const centsPerPoint = parseMoney(form.pointValue);
	if (centsPerPoint === null || centsPerPoint < 1 || centsPerPoint > 1e6) {
		errors['pointValue'] = 'loyalty.settings.errors.pointValue';
	}
	const minPoints = readWhole(form.minPoints, 1e9);
	if (minPoints === null) errors['minPoints'] = 'loyalty.settings.errors.whole';
	if (form.tiers.length > MAX_TIERS) errors['tiers'] = 'loyalty.settings.errors.tooManyTiers';

	const tiers: Tier[] = [];
	form.tiers.forEach((draft, i) => {
		const nameEn = draft.nameEn.trim();
		const nameZh = draft.nameZh.trim();
		if (!nameEn && !nameZh) errors[`tier.${i}.name`] = 'loyalty.settings.errors.tierName';
		else if (nameEn.length > MAX_TIER_NAME || nameZh.length > MAX_TIER_NAME) {
			errors[`tier.${i}.name`] = 'validation.tooLong';
		}
		const threshold =
			form.basis === 'spend' ? parseMoney(draft.threshold) : readWhole(draft.threshold, 1e12, -1);
		if (threshold === null || threshold < 0) {
			errors[`tier.${i}.threshold`] = 'loyalty.settings.errors.threshold';
		} else if (tiers.length > 0 && threshold <= tiers[tiers.length - 1]!.threshold) {
			errors[`tier.${i}.threshold`] = 'loyalty.settings.errors.rising';
		}
		const discountPercent =
			draft.discountPercent.trim() === '' ? 0 : readDecimal(draft.discountPercent, 0, 100);
		if (discountPercent === null) errors[`tier.${i}.discount`] = 'loyalty.settings.errors.percent';
		const multiplier = readDecimal(draft.multiplier, 1, 10);
		if (multiplier === null) errors[`tier.${i}.multiplier`] = 'loyalty.settings.errors.multiplier';
		if (draft.benefits.length > MAX_BENEFITS) errors[`tier.${i}.benefits`] = 'validation.tooLong';
		tiers.push({
			id: draft.id,
			nameEn,
			nameZh,
			threshold: threshold ?? 0,
			discountPercent: discountPercent ?? 0,
			multiplier: multiplier ?? 1,
			benefits: draft.benefits.trim()
		});
	});
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		settings: {
			enabled: form.enabled,
			earn: {
				pointsPerUnit: pointsPerUnit!,
				rounding: form.rounding,
				capPerOrder: capPerOrder!,
				birthdayMultiplier: birthdayMultiplier!
			},
			redeem: { centsPerPoint: centsPerPoint!, minPoints: minPoints! },
			expiryMonths: form.expiryMonths,
			tiers: {
				basis: form.basis,
				windowMonths: form.windowMonths,
				keepMonths: form.keepMonths,
				list: tiers
			}
		}
	};
}

/** An empty tier row, under an id of its own that renames never change. */
export function newTierDraft(id: string): TierDraft {
	return {
		id,
		nameEn: '',
		nameZh: '',
		threshold: '',
		discountPercent: '',
		multiplier: '1',
		benefits: ''
	};
}
