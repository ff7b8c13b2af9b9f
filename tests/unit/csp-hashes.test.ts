import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashInlineScripts } from '../../src/lib/shell-boot/csp-hashes';

const sha = (text: string) => createHash('sha256').update(text).digest('base64');
const page = (policy: string, ...scripts: string[]) =>
	`<html><head><meta http-equiv="content-security-policy" content="${policy}">` +
	scripts.map((body) => `<script>${body}</script>`).join('') +
	'<script type="module" src="/app.js"></script></head></html>';

describe('the policy allows exactly the inline scripts of the final page', () => {
	it('replaces stale hashes with those of the scripts the page holds', () => {
		const html = page(
			"default-src 'self'; script-src 'self' 'sha256-stale='; object-src 'none'",
			'a()',
			'b()'
		);
		const out = hashInlineScripts(html, sha);
		expect(out).toContain(
			`content="default-src 'self'; script-src 'self' 'sha256-${sha('a()')}' 'sha256-${sha('b()')}'; object-src 'none'"`
		);
		expect(out).not.toContain('stale');
	});

	it('leaves a page without a policy as it is', () => {
		const html = '<html><script>a()</script></html>';
		expect(hashInlineScripts(html, sha)).toBe(html);
	});
});
