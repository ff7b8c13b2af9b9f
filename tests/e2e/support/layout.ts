import type { Page } from '@playwright/test';

/**
 * Every visible control smaller than 44 × 44 CSS px, as "label W×H". A link inside running text
 * (its block holds words besides links and buttons) is excepted, as WCAG 2.5.8 does; a checkbox or
 * radio, and a visually hidden file input, are measured by their label, which is what a thumb hits.
 */
export function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const selector = [
			'button',
			'a[href]',
			'input:not([type=hidden])',
			'select',
			'textarea',
			'summary',
			'[role=button]',
			'[role=tab]',
			'[role=link]',
			'[role=checkbox]',
			'[role=radio]',
			'[role=switch]',
			'[role=menuitem]'
		].join(',');
		const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith('inline');
		const inRunningText = (el: Element) => {
			if (getComputedStyle(el).display !== 'inline') return false;
			let block = el.parentElement;
			while (block && !isBlock(block)) block = block.parentElement;
			if (!block) return false;
			const clone = block.cloneNode(true) as Element;
			clone.querySelectorAll('a, button').forEach((inner) => inner.remove());
			return (clone.textContent ?? '').trim() !== '';
		};
		const name = (el: Element) =>
			(
				el.getAttribute('aria-label') ||
				(el as HTMLInputElement).labels?.[0]?.textContent ||
				el.textContent ||
				el.getAttribute('placeholder') ||
				el.tagName
			)
				.trim()
				.replace(/\s+/g, ' ')
				.slice(0, 40);
		const found: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(selector)) {
			if (el.closest('[hidden], [inert], .preview') || el.getClientRects().length === 0) continue;
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden') continue;
			let box = el.getBoundingClientRect();
			const input = el as HTMLInputElement;
			const visuallyHidden =
				style.clip === 'rect(0px, 0px, 0px, 0px)' || (box.width <= 1 && box.height <= 1);
			if (
				el.tagName === 'INPUT' &&
				(['checkbox', 'radio'].includes(input.type) || visuallyHidden)
			) {
				const label = input.labels?.[0]?.getBoundingClientRect();
				if (label && label.width * label.height > box.width * box.height) box = label;
				else if (visuallyHidden) continue; // not a target itself, and no label to hit
			} else if (visuallyHidden) continue;
			if (el.tagName === 'A' && inRunningText(el)) continue;
			if (box.width < 43.5 || box.height < 43.5) {
				found.push(`${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
			}
		}
		return found;
	});
}

/** Selects whose chosen option, empty fields whose placeholder, and buttons whose text are cut off. */
export function clippedText(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const canvas = document.createElement('canvas').getContext('2d')!;
		const room = (el: HTMLElement, extra: number) => {
			const style = getComputedStyle(el);
			return (
				el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - extra
			);
		};
		const width = (el: HTMLElement, text: string) => {
			canvas.font = getComputedStyle(el).font;
			return canvas.measureText(text).width;
		};
		const found: string[] = [];
		for (const select of document.querySelectorAll('select')) {
			if (select.getClientRects().length === 0 || select.multiple) continue;
			const text = select.selectedOptions[0]?.textContent?.trim() ?? '';
			// Chromium draws the arrow inside the padding box, about 20 px wide.
			if (width(select, text) > room(select, 20)) found.push(`select “${text}”`);
		}
		for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
			if (input.getClientRects().length === 0 || input.value !== '') continue;
			if (width(input, input.placeholder) > room(input, input.type === 'search' ? 20 : 0)) {
				found.push(`placeholder “${input.placeholder}”`);
			}
		}
		// A button's own text running past its edge (the date field's "Change" did, at 360 px).
		for (const button of document.querySelectorAll<HTMLElement>('button, .btn')) {
			if (button.getClientRects().length === 0) continue;
			if (button.scrollWidth > button.clientWidth + 1) {
				found.push(`button “${button.textContent?.trim() ?? ''}”`);
			}
		}
		return found;
	});
}
