/** The reports domain's public face: each part's handlers, its runners for the catalogue and what the bench times. */
export { conversionCascade, projectedSales, reportPipelineHandlers, utcRange, wholeOpenQuotes, wholeStalledConsults } from './pipeline/index';
export * as pipelineQueries from './pipeline/queries';
