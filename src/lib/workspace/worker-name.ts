/** The workspace worker's name, so tools (the benchmark, DevTools) tell it from the import worker. */
export const WORKSPACE_WORKER_NAME = 'clientbook-workspace';
