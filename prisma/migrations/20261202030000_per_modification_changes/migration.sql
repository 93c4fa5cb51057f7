-- Changes name what they touched, so a read cache drops only that (src/data/readCache.ts): a row
-- of a table that belongs to one modification announces "m:<modification id>" on the
-- "modbot_changes" channel (PostgreSQL folds repeats of the same payload within a transaction
-- into one); a party changed or removed announces "party:<id>" (only the cards it raised show
-- it; a party added is on no card yet and still announces "party"); the other tables that many
-- cards read keep announcing their name; a TRUNCATE announces "*".
-- user_role now announces itself too, so permissions can be served from memory.

CREATE OR REPLACE FUNCTION "modbot_notify_modification_row"() RETURNS trigger AS $$
DECLARE
    column_name text := TG_ARGV[0];
    id_of_new integer;
    id_of_old integer;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        id_of_new := (to_jsonb(NEW) ->> column_name)::integer;
        PERFORM pg_notify('modbot_changes', 'm:' || id_of_new);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        id_of_old := (to_jsonb(OLD) ->> column_name)::integer;
        IF id_of_old IS DISTINCT FROM id_of_new THEN
            PERFORM pg_notify('modbot_changes', 'm:' || id_of_old);
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A category vote belongs to its modification through its Change Board vote; when that is gone
-- (deleted in the same statement), nobody can say which card it was on.
CREATE OR REPLACE FUNCTION "modbot_notify_category_vote_row"() RETURNS trigger AS $$
DECLARE
    vote_row record;
    which integer;
BEGIN
    IF TG_OP = 'DELETE' THEN vote_row := OLD; ELSE vote_row := NEW; END IF;
    SELECT "modification_id" INTO which FROM "change_board_vote" WHERE "id" = vote_row."vote_id";
    PERFORM pg_notify('modbot_changes', COALESCE('m:' || which, '*'));
    IF TG_OP = 'UPDATE' AND OLD."vote_id" IS DISTINCT FROM NEW."vote_id" THEN
        SELECT "modification_id" INTO which FROM "change_board_vote" WHERE "id" = OLD."vote_id";
        PERFORM pg_notify('modbot_changes', COALESCE('m:' || which, '*'));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "modbot_notify_party_row"() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('modbot_changes', 'party:' || OLD."id");
    IF TG_OP = 'UPDATE' AND NEW."id" IS DISTINCT FROM OLD."id" THEN
        PERFORM pg_notify('modbot_changes', 'party:' || NEW."id");
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "modbot_notify_everything"() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('modbot_changes', '*');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER "party_changed" ON "party";
CREATE TRIGGER "party_added" AFTER INSERT ON "party"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();
CREATE TRIGGER "party_changed" AFTER UPDATE OR DELETE ON "party"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_party_row"();
CREATE TRIGGER "party_truncated" AFTER TRUNCATE ON "party"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "modification_changed" ON "modification";
CREATE TRIGGER "modification_changed" AFTER INSERT OR UPDATE OR DELETE ON "modification"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('id');
CREATE TRIGGER "modification_truncated" AFTER TRUNCATE ON "modification"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "stage_transition_changed" ON "stage_transition";
CREATE TRIGGER "stage_transition_changed" AFTER INSERT OR UPDATE OR DELETE ON "stage_transition"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('modification_id');
CREATE TRIGGER "stage_transition_truncated" AFTER TRUNCATE ON "stage_transition"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "consultation_changed" ON "consultation";
CREATE TRIGGER "consultation_changed" AFTER INSERT OR UPDATE OR DELETE ON "consultation"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('modification_id');
CREATE TRIGGER "consultation_truncated" AFTER TRUNCATE ON "consultation"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "assessment_changed" ON "assessment";
CREATE TRIGGER "assessment_changed" AFTER INSERT OR UPDATE OR DELETE ON "assessment"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('modification_id');
CREATE TRIGGER "assessment_truncated" AFTER TRUNCATE ON "assessment"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "change_board_vote_changed" ON "change_board_vote";
CREATE TRIGGER "change_board_vote_changed" AFTER INSERT OR UPDATE OR DELETE ON "change_board_vote"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('modification_id');
CREATE TRIGGER "change_board_vote_truncated" AFTER TRUNCATE ON "change_board_vote"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "authority_decision_changed" ON "authority_decision";
CREATE TRIGGER "authority_decision_changed" AFTER INSERT OR UPDATE OR DELETE ON "authority_decision"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_modification_row"('modification_id');
CREATE TRIGGER "authority_decision_truncated" AFTER TRUNCATE ON "authority_decision"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

DROP TRIGGER "category_vote_changed" ON "category_vote";
CREATE TRIGGER "category_vote_changed" AFTER INSERT OR UPDATE OR DELETE ON "category_vote"
    FOR EACH ROW EXECUTE FUNCTION "modbot_notify_category_vote_row"();
CREATE TRIGGER "category_vote_truncated" AFTER TRUNCATE ON "category_vote"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_everything"();

CREATE TRIGGER "user_role_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_role"
    FOR EACH STATEMENT EXECUTE FUNCTION "modbot_notify_change"();
