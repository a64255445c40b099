/** Manager reports (issue 17): each part adds its own export lines here. */
export { reportSalesHandlers } from './sales/index';
