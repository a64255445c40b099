/** Manager reports (issue 17): the catalogue every export and schedule runs reports through. */
export { catalogueEntry, defineReport, reportCatalogue, withPeriod, type CatalogueEntry, type ReportEntry } from './catalogue';
export { reportSalesHandlers } from './sales/index';
export { conversionCascade, projectedSales, reportPipelineHandlers, wholeOpenQuotes, wholeStalledConsults } from './pipeline/index';
export * as pipelineQueries from './pipeline/queries';
export { reportOutputHandlers, reportSchedulesJob } from './output/index';
