/** The reports domain's public face: each part's handlers and what the bench times. */
export { reportPipelineHandlers } from './pipeline/index';
export * as pipelineQueries from './pipeline/queries';
