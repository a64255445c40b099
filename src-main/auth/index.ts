import type { HandlerMap } from '../core/registry';
import { passwordHandlers } from './password';
import { sessionHandlers } from './session';

/** Sign-in, the desk's lock, lockout after wrong passwords, and changing one's own password. */
export const authHandlers: HandlerMap<keyof typeof sessionHandlers | keyof typeof passwordHandlers> = { ...sessionHandlers, ...passwordHandlers };
export { verifyStaffSignIn } from './verify';
