import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { findSeatUse } from './repo.ts';

/**
 * A team plan bought through Stripe pays for N seats, one per member. Joining when every seat is
 * taken is refused (the organisation's lock is held by the caller, so two acceptances cannot both
 * take the last seat). Members above N after a downgrade stay; only new ones wait for a seat.
 */
export async function assertSeatFree(trx: Tx, organisationId: string): Promise<void> {
  const { seats, members } = await findSeatUse(trx, organisationId);
  if (!seats) return;
  if (members >= seats) {
    throw new AppError('CONFLICT', `All ${seats} seats of this organisation’s plan are taken: ask one of its admins to add a seat, then accept again. The invitation still works until it expires.`, {
      seats: seats,
      members,
    });
  }
}
