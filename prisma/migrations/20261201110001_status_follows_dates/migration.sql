-- Existing data, brought into line with the rules of 20261201110000 (a separate migration: new
-- enum values can only be used once the transaction that added them has committed).

-- Votes recorded by the bot's rule ("majority-of-categories/quorum-3") with fewer than three
-- voting groups present were stored as "no majority"; they were not quorate. Votes imported
-- "as reported" (the seed gives no split by category) are left as they are.
UPDATE "change_board_vote" v
SET "outcome" = 'NOT_QUORATE'
WHERE v."rule" = 'majority-of-categories/quorum-3'
  AND v."outcome" = 'NO_MAJORITY'
  AND (
    SELECT count(*) FROM "category_vote" c
    WHERE c."vote_id" = v."id"
      AND c."value" IN ('APPROVE', 'REJECT', 'ABSTAIN')
      AND c."category" IN ('LARGE_SUPPLIER', 'SMALL_SUPPLIER', 'ELECTRICITY_NETWORK', 'GAS_NETWORK', 'OTHER_SEC_PARTY')
  ) < 3;

-- An assessment's status follows its dates unless it is on hold or cancelled: a request the DCC
-- accepted is in progress, a delivered one is delivered (the DCC form saved "Requested" over an
-- accepted date before the rule was shared with the CSV import).
UPDATE "assessment" SET "status" = 'DELIVERED', "version" = "version" + 1
WHERE "delivered_on" IS NOT NULL AND "status" IN ('REQUESTED', 'IN_PROGRESS');

UPDATE "assessment" SET "status" = 'IN_PROGRESS', "version" = "version" + 1
WHERE "delivered_on" IS NULL AND "accepted_on" IS NOT NULL AND "status" = 'REQUESTED';
