import type { ReviewRow } from '../../src-shared/contract/satisfaction';
import { LumenError, fieldError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import type { LoyaltyProgramTable } from '../core/schema-loyalty';
import type { ReviewRequestTable } from '../core/schema-satisfaction';
import { awardPoints, PROGRAM_SQL } from '../loyalty/index';
import { requestReview } from './outcomes';
import { writerOf } from './writer';

const REVIEWS_SQL = `
  SELECT r.id, r.patientId, p.firstName || ' ' || p.lastName AS patientName, r.site, r.url, r.channel, r.requestedAt, o.status AS messageStatus,
    r.postedAt, s.displayName AS postedBy, e.points
  FROM reviewRequest r
  JOIN patient p ON p.id = r.patientId
  JOIN outbox o ON o.id = r.outboxId
  LEFT JOIN staff s ON s.id = r.postedBy
  LEFT JOIN pointsEntry e ON e.id = r.pointsEntryId
  WHERE %STATUS%
  ORDER BY coalesce(r.postedAt, r.requestedAt) DESC, r.id DESC LIMIT @limit`;
const REVIEWS_BY_STATUS = {
  waiting: REVIEWS_SQL.replace('%STATUS%', 'r.postedAt IS NULL'),
  posted: REVIEWS_SQL.replace('%STATUS%', 'r.postedAt IS NOT NULL'),
  all: REVIEWS_SQL.replace('%STATUS%', '1'),
};

export const reviewHandlers: HandlerMap<'satisfaction.requestReview' | 'satisfaction.reviews' | 'satisfaction.confirmReview'> = {
  'satisfaction.requestReview': ({ patientId, channel }, ctx) => requestReview(writerOf(ctx), patientId, { channel }),

  'satisfaction.reviews': ({ status, limit }, ctx) => ({ rows: cached(ctx.sqlite, REVIEWS_BY_STATUS[status]).all({ limit }) as ReviewRow[] }),

  'satisfaction.confirmReview': async ({ reviewRequestId }, ctx) => {
    const request = cached(ctx.sqlite, 'SELECT * FROM reviewRequest WHERE id = ?').get(reviewRequestId) as ReviewRequestTable | undefined;
    if (!request) throw fieldError('not_found', 'There is no such review request.', 'reviewRequestId');
    if (request.postedAt) throw new LumenError('conflict', 'This review was already confirmed.');
    const program = cached(ctx.sqlite, PROGRAM_SQL).get() as LoyaltyProgramTable | undefined;
    // Points follow only while the program is on and gives some for a review; the review counts either way.
    const points = program?.enabled && program.reviewPoints > 0 ? program.reviewPoints : 0;
    const award = points
      ? await awardPoints(ctx, { patientId: request.patientId, kind: 'review', points, note: `Review on ${request.site}`, refs: { dedupeKey: `review:${request.id}` } })
      : null;
    const postedAt = ctx.now.toISOString();
    await ctx.db
      .updateTable('reviewRequest')
      .set({ postedAt, postedBy: ctx.requireSession().staffId, pointsEntryId: award?.entryId ?? null })
      .where('id', '=', reviewRequestId)
      .execute();
    ctx.audit({ action: 'update', entity: 'reviewRequest', entityId: reviewRequestId, summary: `Confirmed patient #${request.patientId}'s review on ${request.site}${points ? ` (+${points} points)` : ''}`, details: { points } });
    return { postedAt, points };
  },
};
