-- The SEC's five paths: Path 1 Authority-led and Urgent join Path 2 Authority Determined,
-- Path 3 Self-Governance and Fast-Track Self-Governance. Existing rows keep their values.
ALTER TYPE "ModificationPath" ADD VALUE IF NOT EXISTS 'AUTHORITY_LED' BEFORE 'AUTHORITY_DETERMINED';
ALTER TYPE "ModificationPath" ADD VALUE IF NOT EXISTS 'URGENT' AFTER 'FAST_TRACK';

-- A Change Board vote without a quorum has no outcome: not a recommendation, not a decision.
ALTER TYPE "VoteOutcome" ADD VALUE IF NOT EXISTS 'NOT_QUORATE' AFTER 'NO_MAJORITY';
