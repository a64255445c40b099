import type { movementKinds, productKinds, stockUnits } from '../../../src-shared/contract/inventory';

export const kindLabels: Record<(typeof productKinds)[number], string> = { retail: 'Retail', injectable: 'Injectable', consumable: 'Consumable' };
export const unitLabels: Record<(typeof stockUnits)[number], string> = { U: 'units (U)', 'ml×0.1': 'tenths of a ml', each: 'each' };
export const movementLabels: Record<(typeof movementKinds)[number], string> = {
  received: 'Received',
  sold: 'Sold',
  returned: 'Returned',
  used: 'Used in a visit',
  counted: 'Count difference',
  writtenOff: 'Written off',
};
