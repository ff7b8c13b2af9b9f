/** Tag colours: a fixed palette, so every colour reads well in light and dark themes. */
export const TAG_COLORS = [
	'gray',
	'red',
	'orange',
	'yellow',
	'green',
	'teal',
	'blue',
	'purple',
	'pink'
] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export function isTagColor(value: unknown): value is TagColor {
	return typeof value === 'string' && (TAG_COLORS as readonly string[]).includes(value);
}

export type TagNameProblem = 'validation.tagInvalid';

export function cleanTagName(
	name: string
): { ok: true; value: string } | { ok: false; error: TagNameProblem } {
	const value = name.trim();
	return value === '' || value.length > 40
		? { ok: false, error: 'validation.tagInvalid' }
		: { ok: true, value };
}

/** Every tag in use with how many customers carry it, most used first. */
export function tagCounts(rows: readonly { tags: string[] }[]): { tag: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const row of rows) for (const tag of row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	return [...counts.entries()]
		.map(([tag, count]) => ({ tag, count }))
		.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
