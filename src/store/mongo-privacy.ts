import type { Db } from 'mongodb';
import type { PrivacyRepository } from '../core/ports.ts';
import { forgetUser, recordPrivacyAudit } from './privacy-repo.ts';
import { redactOldText } from './text-retention.ts';
import { exportUserData } from './user-data.ts';

/** The privacy port over MongoDB: each operation reads through cursors, one collection at a time. */
export function createPrivacyRepository(db: Db): PrivacyRepository {
  return {
    forgetUser: (user, now) => forgetUser(db, user, now),
    exportUser: (user, now) => exportUserData(db, user, now),
    redactOldText: (now, days, opts) => redactOldText(db, now, days, opts),
    recordAudit: (entry) => recordPrivacyAudit(db, entry),
  };
}
