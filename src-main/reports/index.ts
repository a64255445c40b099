/** Manager reports (issue 17): the catalogue every export and schedule runs reports through. */
export { catalogueEntry, defineReport, reportCatalogue, withPeriod, type CatalogueEntry, type ReportEntry } from './catalogue';
export { reportOutputHandlers, reportSchedulesJob } from './output/index';
