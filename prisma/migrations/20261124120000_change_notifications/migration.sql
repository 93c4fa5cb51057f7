-- Every committed change to the register is announced on the "modbot_changes" channel, so each
-- instance's read cache (src/data/changeFeed.ts) knows when what it holds is out of date, whoever
-- made the change: this instance, another replica, an import or someone at psql.
CREATE OR REPLACE FUNCTION "modbot_notify_change"() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('modbot_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "party_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "party"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "modification_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "modification"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "stage_transition_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_transition"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "consultation_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "consultation"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "assessment_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "assessment"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "target_revision_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "target_revision"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "change_board_meeting_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "change_board_meeting"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "change_board_vote_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "change_board_vote"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "category_vote_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "category_vote"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "authority_decision_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "authority_decision"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "release_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "release"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "release_revision_request_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "release_revision_request"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "working_group_meeting_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "working_group_meeting"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();

-- CreateTrigger
CREATE TRIGGER "working_group_item_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "working_group_item"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();
