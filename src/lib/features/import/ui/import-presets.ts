import { headerKey, IMPORT_FIELDS, type ImportTarget } from '../column-mapping';
import { isPurchaseTarget, type PurchaseTarget } from '../purchase-import';
import type { CustomFieldDef } from '../../custom-fields/rules/custom-fields';

/**
 * Saved column choices ("Remember these columns"): header (normalised) → target, shared by every
 * file with such a header, kept in this browser. Purchase files share the store under a prefix.
 */
const PRESETS_KEY = 'clientbook.importPresets';
const PURCHASE_PREFIX = 'purchase:';

function loadPresets(): Record<string, string> {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(PRESETS_KEY) ?? '{}');
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
	} catch {
		return {};
	}
}

/** The customer columns, a saved choice over the suggestion where one is still valid. */
export function customerMappingWithPresets(
	headers: readonly string[],
	suggested: readonly ImportTarget[],
	fieldDefs: readonly CustomFieldDef[]
): { mapping: ImportTarget[]; usedPreset: boolean } {
	const presets = loadPresets();
	let usedPreset = false;
	const mapping = headers.map((header, i) => {
		const saved = presets[headerKey(header)] as ImportTarget | undefined;
		const valid =
			saved &&
			(saved === 'ignore' ||
				(IMPORT_FIELDS as readonly string[]).includes(saved) ||
				fieldDefs.some((def) => `custom:${def.id}` === saved));
		if (valid && saved !== suggested[i]) usedPreset = true;
		return valid ? saved : suggested[i]!;
	});
	return { mapping, usedPreset };
}

/** The purchase columns, a saved choice over the suggestion where one is still valid. */
export function purchaseMappingWithPresets(
	headers: readonly string[],
	suggested: readonly PurchaseTarget[]
): PurchaseTarget[] {
	const presets = loadPresets();
	return headers.map((header, i) => {
		const saved = presets[`${PURCHASE_PREFIX}${headerKey(header)}`];
		return saved && isPurchaseTarget(saved) ? saved : suggested[i]!;
	});
}

/** Remembers this file's column choices for the next file with the same headers. */
export function savePresets(
	headers: readonly string[],
	choice:
		| { kind: 'customers'; mapping: readonly ImportTarget[] }
		| { kind: 'purchases'; mapping: readonly PurchaseTarget[] }
): void {
	const presets = loadPresets();
	headers.forEach((header, i) => {
		const key = headerKey(header);
		if (!key) return;
		if (choice.kind === 'purchases') presets[`${PURCHASE_PREFIX}${key}`] = choice.mapping[i]!;
		else presets[key] = choice.mapping[i]!;
	});
	localStorage.setItem(PRESETS_KEY, JSON.stringify(presets));
}
