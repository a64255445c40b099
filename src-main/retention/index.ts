/** Maintenance due, delinquency, due soon and outreach; the purchase projection other domains read. */
export { rebuildPurchaseProjection, setAsidePurchaseTriggers } from './projection';
