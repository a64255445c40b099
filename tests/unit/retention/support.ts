import { OWNER, type TestClinic } from '../../support/clinic';

/** Moves the clinic's clock (to an instant, or by an amount) and unlocks the owner's desk, which locks when idle. */
export async function travel(clinic: TestClinic, to: string | { days?: number; hours?: number; seconds?: number }): Promise<void> {
  if (typeof to === 'string') clinic.clock.set(to);
  else clinic.clock.advance(to);
  const session = await clinic.call('auth.session', {});
  if (session?.locked) await clinic.call('auth.unlock', { password: OWNER.password });
}
