import type { Tier } from './loyalty-settings';

/** A tier's name in the language asked for, else in the other. */
export function tierName(tier: Pick<Tier, 'nameEn' | 'nameZh'>, language: string): string {
	const chinese = language.startsWith('zh');
	return (chinese ? tier.nameZh || tier.nameEn : tier.nameEn || tier.nameZh) || '';
}
