-- Watching modifications: who watches what, their direct-message choices, and the queue of
-- changes each watcher is to hear of (claimed once across replicas, sent once).

-- CreateTable
CREATE TABLE "watch" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "modification_id" INTEGER NOT NULL,
    "since_audit_id" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watcher_setting" (
    "user_id" TEXT NOT NULL,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "any_hours" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "watcher_setting_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "watch_notice" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "audit_entry_id" INTEGER,
    "event_key" TEXT,
    "event" TEXT,
    "modification_id" INTEGER NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,
    "claim_token" TEXT,
    "claimed_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "watch_user_id_modification_id_key" ON "watch"("user_id", "modification_id");

-- CreateIndex
CREATE INDEX "watch_modification_id_idx" ON "watch"("modification_id");

-- CreateIndex
CREATE UNIQUE INDEX "watch_notice_user_id_audit_entry_id_key" ON "watch_notice"("user_id", "audit_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "watch_notice_user_id_event_key_key" ON "watch_notice"("user_id", "event_key");

-- CreateIndex
CREATE INDEX "watch_notice_user_id_sent_at_idx" ON "watch_notice"("user_id", "sent_at");

-- CreateIndex
CREATE INDEX "watch_notice_claim_token_idx" ON "watch_notice"("claim_token");

-- AddForeignKey
ALTER TABLE "watch" ADD CONSTRAINT "watch_modification_id_fkey" FOREIGN KEY ("modification_id") REFERENCES "modification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Home reads what a person watches through the read cache (src/data/readCache.ts); a watch
-- started or stopped must drop it like any change to the register.
-- CreateTrigger
CREATE TRIGGER "watch_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "watch"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();
