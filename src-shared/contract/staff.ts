import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Instant, Name, Ok, Password, ShortText, Username } from './common';
import { permissions, roles } from '../permissions';

const RoleEnum = z.enum(roles);
const PermissionEnum = z.enum(permissions);

export const StaffRow = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  title: z.string(),
  role: RoleEnum,
  active: z.boolean(),
  lockedUntil: Instant.nullable(),
  createdAt: Instant,
});
export type StaffRow = z.infer<typeof StaffRow>;

export const StaffCreateInput = z.strictObject({
  username: Username,
  displayName: Name,
  title: ShortText.default(''),
  role: RoleEnum,
  password: Password,
});

export const StaffUpdateInput = z.strictObject({
  id: Id,
  displayName: Name.optional(),
  title: ShortText.optional(),
  role: RoleEnum.optional(),
  active: z.boolean().optional(),
});

export const RoleRow = z.object({
  role: RoleEnum,
  permissions: z.array(PermissionEnum),
  defaults: z.array(PermissionEnum),
  neverAllowed: z.array(PermissionEnum),
});

export const staff = {
  'staff.list': method({
    summary: 'Staff members, active first.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(StaffRow),
    permission: 'staff.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'staff.create': method({
    summary: 'Add a staff member with a role and a first password.',
    input: StaffCreateInput,
    output: z.object({ id: Id }),
    permission: 'staff.manage',
    transaction: 'write',
    errors: ['invalid_input', 'conflict', 'forbidden', 'weak_password'],
  }),
  'staff.update': method({
    summary: 'Change a staff member’s name, title, role or active flag.',
    input: StaffUpdateInput,
    output: Ok,
    permission: 'staff.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'forbidden', 'conflict'],
  }),
  'staff.resetPassword': method({
    summary: 'Set a new password for a staff member and clear any lockout.',
    input: z.strictObject({ id: Id, newPassword: Password }),
    output: Ok,
    permission: 'staff.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'forbidden', 'weak_password'],
  }),
  'roles.list': method({
    summary: 'Each role with its current permissions and its defaults.',
    input: Empty,
    output: z.array(RoleRow),
    permission: 'staff.read',
    transaction: 'read',
    errors: [],
  }),
  'roles.setPermissions': method({
    summary: 'Customise what a role may do.',
    input: z.strictObject({ role: RoleEnum, permissions: z.array(PermissionEnum).max(permissions.length) }),
    output: Ok,
    permission: 'roles.manage',
    transaction: 'write',
    errors: ['invalid_input', 'forbidden'],
  }),
} as const;
