/**
 * Makes the page's Content-Security-Policy allow exactly the inline scripts the page holds.
 * SvelteKit hashes the start script it writes, but the page is rewritten after that (see
 * defer-app-boot.ts) and app.html has a script of its own: every `sha256-` source of
 * `script-src` is replaced by the hashes of the inline scripts the final page has. A page
 * without the policy is returned as it is.
 */
export function hashInlineScripts(html: string, sha256Base64: (text: string) => string): string {
	const meta = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html);
	if (!meta) return html;
	const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
		([, body]) => `'sha256-${sha256Base64(body!)}'`
	);
	const policy = meta[1]!
		.split(';')
		.map((directive) => {
			const [name, ...sources] = directive.trim().split(/\s+/);
			if (name !== 'script-src') return directive.trim();
			const kept = sources.filter((source) => !source.startsWith("'sha256-"));
			return [name, ...kept, ...hashes].join(' ');
		})
		.filter((directive) => directive !== '')
		.join('; ');
	return html.replace(meta[0], `<meta http-equiv="content-security-policy" content="${policy}">`);
}
