import { LumenError } from '../../src-shared/errors';
import { hashPassword, passwordProblems } from '../core/passwords';

/** A refused password as a field error listing every problem, so forms can show them under the field. */
function weakPasswordError(problems: string[], field: string): LumenError {
  return new LumenError('weak_password', problems.join(' '), { formErrors: [], fieldErrors: { [field]: problems } });
}

/** The hash of a new password that passes the rules; `names` are the user's names, which it must not contain. */
export async function checkedPasswordHash(password: string, field: string, ...names: string[]): Promise<string> {
  const problems = passwordProblems(password, ...names);
  if (problems.length) throw weakPasswordError(problems, field);
  return hashPassword(password);
}
