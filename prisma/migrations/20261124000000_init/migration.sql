-- CreateEnum
CREATE TYPE "PartyCategory" AS ENUM ('LARGE_SUPPLIER', 'SMALL_SUPPLIER', 'ELECTRICITY_NETWORK', 'GAS_NETWORK', 'OTHER_SEC_PARTY', 'DCC', 'PANEL_OR_COMMITTEE');

-- CreateEnum
CREATE TYPE "ReferenceSeries" AS ENUM ('DP', 'MP', 'SECMP');

-- CreateEnum
CREATE TYPE "ModificationPath" AS ENUM ('AUTHORITY_DETERMINED', 'SELF_GOVERNANCE', 'FAST_TRACK');

-- CreateEnum
CREATE TYPE "ModificationStatus" AS ENUM ('DRAFT_RAISED', 'READY_FOR_PANEL', 'IN_REFINEMENT', 'REPORT_PRESENTED', 'REPORT_CONSULTATION', 'AWAITING_CHANGE_BOARD', 'AWAITING_AUTHORITY', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsultationKind" AS ENUM ('REFINEMENT', 'MODIFICATION_REPORT');

-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('EXPECTED', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "AssessmentType" AS ENUM ('PA', 'IA');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('REQUESTED', 'IN_PROGRESS', 'DELIVERED', 'ON_HOLD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Vote" AS ENUM ('APPROVE', 'REJECT', 'ABSTAIN', 'NOT_PRESENT');

-- CreateEnum
CREATE TYPE "VoteOutcome" AS ENUM ('APPROVE', 'REJECT', 'NO_MAJORITY');

-- CreateEnum
CREATE TYPE "VoteEffect" AS ENUM ('RECOMMENDATION', 'DECISION');

-- CreateEnum
CREATE TYPE "AuthorityOutcome" AS ENUM ('APPROVED', 'REJECTED', 'SENT_BACK');

-- CreateEnum
CREATE TYPE "ReleaseKind" AS ENUM ('SCHEDULED', 'STANDALONE');

-- CreateEnum
CREATE TYPE "RevisionRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'CHANGE_BOARD', 'DCC', 'VIEWER');

-- CreateEnum
CREATE TYPE "SubscriptionKind" AS ENUM ('DIGEST', 'NUDGES', 'REPORT');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "party" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "category" "PartyCategory" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "modification" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "series" "ReferenceSeries" NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "raised_by_id" INTEGER,
    "raised_on" DATE,
    "path" "ModificationPath",
    "status" "ModificationStatus" NOT NULL,
    "on_hold" BOOLEAN NOT NULL DEFAULT false,
    "on_hold_reason" TEXT,
    "concluded_on" DATE,
    "dcc_note" TEXT,
    "release_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "modification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_transition" (
    "id" SERIAL NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "from_status" "ModificationStatus",
    "to_status" "ModificationStatus" NOT NULL,
    "event" TEXT NOT NULL,
    "occurred_on" DATE NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "working_group_meeting" (
    "id" SERIAL NOT NULL,
    "held_on" DATE NOT NULL,
    "note" TEXT,

    CONSTRAINT "working_group_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "working_group_item" (
    "meeting_id" INTEGER NOT NULL,
    "modification_id" INTEGER NOT NULL,

    CONSTRAINT "working_group_item_pkey" PRIMARY KEY ("meeting_id","modification_id")
);

-- CreateTable
CREATE TABLE "consultation" (
    "id" SERIAL NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "kind" "ConsultationKind" NOT NULL,
    "status" "ConsultationStatus" NOT NULL,
    "expected_week_commencing" DATE,
    "opens_on" DATE,
    "closes_on" DATE,
    "open_working_days" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" SERIAL NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "type" "AssessmentType" NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "request_received_on" DATE,
    "accepted_on" DATE,
    "target_duration_wd" INTEGER,
    "target_date" DATE,
    "delivered_on" DATE,
    "status" "AssessmentStatus" NOT NULL,
    "note" TEXT,
    "contact" TEXT,
    "snoozed_until" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_revision" (
    "id" SERIAL NOT NULL,
    "assessment_id" INTEGER NOT NULL,
    "previous_target_date" DATE,
    "previous_duration_wd" INTEGER,
    "new_target_date" DATE,
    "new_duration_wd" INTEGER,
    "reason" TEXT,
    "revised_by" TEXT NOT NULL,
    "revised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_board_meeting" (
    "id" SERIAL NOT NULL,
    "held_on" DATE NOT NULL,

    CONSTRAINT "change_board_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_board_vote" (
    "id" SERIAL NOT NULL,
    "meeting_id" INTEGER NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "outcome" "VoteOutcome" NOT NULL,
    "effect" "VoteEffect" NOT NULL,
    "rule" TEXT NOT NULL,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_board_vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "category_vote" (
    "id" SERIAL NOT NULL,
    "vote_id" INTEGER NOT NULL,
    "category" "PartyCategory" NOT NULL,
    "value" "Vote" NOT NULL,
    "cast_by" TEXT,

    CONSTRAINT "category_vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authority_decision" (
    "id" SERIAL NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "decided_on" DATE NOT NULL,
    "outcome" "AuthorityOutcome" NOT NULL,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authority_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ReleaseKind" NOT NULL,
    "planned_date" DATE,
    "date_description" TEXT,
    "implemented_on" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_revision_request" (
    "id" SERIAL NOT NULL,
    "release_id" INTEGER NOT NULL,
    "requested_on" DATE NOT NULL,
    "requested_date" DATE NOT NULL,
    "status" "RevisionRequestStatus" NOT NULL,
    "decided_on" DATE,
    "note" TEXT,

    CONSTRAINT "release_revision_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" SERIAL NOT NULL,
    "modification_id" INTEGER,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_user" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_role" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "category" "PartyCategory",
    "granted_by" TEXT NOT NULL,
    "granted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_subscription" (
    "id" SERIAL NOT NULL,
    "channel_id" TEXT NOT NULL,
    "kind" "SubscriptionKind" NOT NULL,
    "schedule" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/London',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "broken_at" TIMESTAMP(3),
    "broken_reason" TEXT,

    CONSTRAINT "channel_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "scheduled_for" TIMESTAMP(3) NOT NULL,
    "status" "JobRunStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "error" TEXT,
    "output" JSONB,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nudge_sent" (
    "id" SERIAL NOT NULL,
    "assessment_id" INTEGER NOT NULL,
    "threshold" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "message_ts" TEXT,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nudge_sent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_request" (
    "key" TEXT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_request_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "party_name_key" ON "party"("name");

-- CreateIndex
CREATE UNIQUE INDEX "modification_number_key" ON "modification"("number");

-- CreateIndex
CREATE UNIQUE INDEX "modification_reference_key" ON "modification"("reference");

-- CreateIndex
CREATE INDEX "modification_status_idx" ON "modification"("status");

-- CreateIndex
CREATE INDEX "stage_transition_modification_id_occurred_on_idx" ON "stage_transition"("modification_id", "occurred_on");

-- CreateIndex
CREATE UNIQUE INDEX "working_group_meeting_held_on_key" ON "working_group_meeting"("held_on");

-- CreateIndex
CREATE INDEX "consultation_modification_id_idx" ON "consultation"("modification_id");

-- CreateIndex
CREATE INDEX "assessment_status_idx" ON "assessment"("status");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_modification_id_type_sequence_key" ON "assessment"("modification_id", "type", "sequence");

-- CreateIndex
CREATE INDEX "target_revision_assessment_id_idx" ON "target_revision"("assessment_id");

-- CreateIndex
CREATE UNIQUE INDEX "change_board_meeting_held_on_key" ON "change_board_meeting"("held_on");

-- CreateIndex
CREATE UNIQUE INDEX "change_board_vote_meeting_id_modification_id_key" ON "change_board_vote"("meeting_id", "modification_id");

-- CreateIndex
CREATE UNIQUE INDEX "category_vote_vote_id_category_key" ON "category_vote"("vote_id", "category");

-- CreateIndex
CREATE INDEX "authority_decision_modification_id_idx" ON "authority_decision"("modification_id");

-- CreateIndex
CREATE UNIQUE INDEX "release_name_key" ON "release"("name");

-- CreateIndex
CREATE INDEX "release_revision_request_release_id_idx" ON "release_revision_request"("release_id");

-- CreateIndex
CREATE INDEX "audit_entry_modification_id_at_idx" ON "audit_entry"("modification_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "user_role_user_id_role_key" ON "user_role"("user_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "channel_subscription_channel_id_kind_key" ON "channel_subscription"("channel_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_key_key" ON "job_run"("key");

-- CreateIndex
CREATE INDEX "job_run_job_scheduled_for_idx" ON "job_run"("job", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "nudge_sent_assessment_id_threshold_channel_id_key" ON "nudge_sent"("assessment_id", "threshold", "channel_id");

-- AddForeignKey
ALTER TABLE "modification" ADD CONSTRAINT "modification_raised_by_id_fkey" FOREIGN KEY ("raised_by_id") REFERENCES "party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "modification" ADD CONSTRAINT "modification_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_transition" ADD CONSTRAINT "stage_transition_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "working_group_item" ADD CONSTRAINT "working_group_item_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "working_group_meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "working_group_item" ADD CONSTRAINT "working_group_item_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation" ADD CONSTRAINT "consultation_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_revision" ADD CONSTRAINT "target_revision_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_board_vote" ADD CONSTRAINT "change_board_vote_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "change_board_meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_board_vote" ADD CONSTRAINT "change_board_vote_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_vote" ADD CONSTRAINT "category_vote_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "change_board_vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authority_decision" ADD CONSTRAINT "authority_decision_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_revision_request" ADD CONSTRAINT "release_revision_request_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_role" ADD CONSTRAINT "user_role_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "slack_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nudge_sent" ADD CONSTRAINT "nudge_sent_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
