/**
 * A device as the audit log names it: the browser and the system, read from the user agent
 * ("Chrome on Android"). Enough for a shop to tell the counter tablet from the owner's phone;
 * not an identifier, and nothing else of the agent string is kept.
 */
export function deviceLabel(userAgent: string): string {
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Browser';
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
	return system ? `${browser} on ${system}` : browser;
}

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, WeChat says both.
const BROWSERS: [RegExp, string][] = [
	[/MicroMessenger/i, 'WeChat'],
	[/Edg\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser/, 'Samsung Internet'],
	[/Firefox\/|FxiOS/, 'Firefox'],
	[/Chrom(e|ium)\/|CriOS/, 'Chrome'],
	[/Safari\//, 'Safari']
];

// HarmonyOS phones may also say Android; iPhones also say "like Mac OS X".
const SYSTEMS: [RegExp, string][] = [
	[/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];
