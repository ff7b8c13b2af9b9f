/** What the condition editor offers as you type: tags in use, products sold, categories. */
export interface SegmentSuggestions {
	tags: readonly string[];
	products: readonly string[];
	categories: readonly string[];
}
