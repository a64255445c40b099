import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Ok, Password, Username } from './common';
import { permissions, roles } from '../permissions';

export const SessionInfo = z.object({
  staffId: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  permissions: z.array(z.enum(permissions)),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const auth = {
  'auth.signIn': method({
    summary: 'Sign in (or switch user on a shared desk) with username and password.',
    input: z.strictObject({ username: Username, password: Password }),
    output: SessionInfo,
    permission: null,
    transaction: 'write',
    errors: ['invalid_input', 'unauthenticated', 'account_locked', 'unavailable'],
  }),
  'auth.signOut': method({
    summary: 'End this desk’s session.',
    input: Empty,
    output: Ok,
    permission: null,
    transaction: 'write',
    errors: [],
  }),
  'auth.session': method({
    summary: 'Who is signed in at this desk, or null.',
    input: Empty,
    output: SessionInfo.nullable(),
    permission: null,
    transaction: 'read',
    errors: [],
  }),
  'auth.lock': method({
    summary: 'Lock this desk now; the same user unlocks with their password.',
    input: Empty,
    output: Ok,
    permission: null,
    transaction: 'read',
    errors: ['unauthenticated'],
  }),
  'auth.unlock': method({
    summary: 'Unlock an idle-locked desk with the signed-in user’s password.',
    input: z.strictObject({ password: Password }),
    output: SessionInfo,
    permission: null,
    transaction: 'write',
    errors: ['invalid_input', 'unauthenticated', 'account_locked'],
  }),
  'auth.users': method({
    summary: 'Active staff names for the sign-in and switch-user screen.',
    input: Empty,
    output: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.enum(roles) })),
    permission: null,
    transaction: 'read',
    errors: [],
  }),
  'auth.changePassword': method({
    summary: 'Change your own password.',
    input: z.strictObject({ currentPassword: Password, newPassword: Password }),
    output: Ok,
    permission: null,
    transaction: 'write',
    errors: ['invalid_input', 'unauthenticated', 'weak_password'],
  }),
} as const;
