import type { DigestClaimRequest, DigestRecord, DigestStatus } from '../core/ports.ts';

/** The record a period and channel's first claim creates (attempt 1, posting, owned by the claimer). */
export function firstAttempt(req: DigestClaimRequest): Omit<DigestRecord, 'digest'> {
  const { periodKey, channel, owner, now } = req;
  return { periodKey, channel, status: 'posting', attempt: 1, owner, claimedAt: now, updatedAt: now };
}

/** Where the latest attempt stands: the record's own, or (MongoDB) a retry claimed but not yet written back. */
export interface CurrentAttempt {
  attempt: number;
  status: DigestStatus;
  since: Date;
}

/**
 * Why a claim on an existing record is refused, or null when it may be retried: posted is final, a
 * 'posting' attempt younger than staleMs is still in progress, and no attempt after maxAttempts.
 * Both stores decide with this; they differ only in how they make the retry one winner's.
 */
export function claimRefusal(
  record: DigestRecord,
  current: CurrentAttempt,
  req: Pick<DigestClaimRequest, 'now' | 'staleMs' | 'maxAttempts'>,
): 'posted' | 'in_progress' | 'gave_up' | null {
  if (record.status === 'posted') return 'posted';
  if (current.status === 'posting' && req.now.getTime() - current.since.getTime() < req.staleMs)
    return 'in_progress';
  if (current.attempt >= req.maxAttempts) return 'gave_up';
  return null;
}
