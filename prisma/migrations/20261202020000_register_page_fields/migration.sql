-- The public Modification Register's fields: lead analyst, solution, impacted parties, affected SEC documents.
ALTER TABLE "modification" ADD COLUMN "lead_analyst" TEXT;
ALTER TABLE "modification" ADD COLUMN "solution" TEXT;
ALTER TABLE "modification" ADD COLUMN "impacted_parties" TEXT;
ALTER TABLE "modification" ADD COLUMN "affected_documents" TEXT;
