import type { HandlerMap } from '../core/registry';
import { memberHandlers } from './members';
import { roleHandlers } from './roles';

export { insertStaff } from './members';
export { checkedPasswordHash } from './passwords';
export { seedRolePermissions } from './roles';

/** Staff accounts and what each role may do. */
export const staffHandlers: HandlerMap<keyof typeof memberHandlers | keyof typeof roleHandlers> = { ...memberHandlers, ...roleHandlers };
