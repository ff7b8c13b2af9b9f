import type { DealFilter, DealSort } from '../rules/deal-filters';

/** Which pipeline and filters the sales pages show: kept while moving between board and list. */
class SalesView {
	pipelineId = $state('');
	filter = $state<DealFilter>({ ownerId: '', closeMonth: '' });
	sort = $state<DealSort>('value');
}

export const salesView = new SalesView();
