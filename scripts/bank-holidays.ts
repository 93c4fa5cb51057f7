// Writes src/domain/bankHolidays.json: the England and Wales bank holidays of the years modbot
// works in, from date-holidays with workingDays.ts's corrections, so a start doesn't load the
// library (see workingDays.ts). Run by `npm run bank-holidays`; workingDays.test.ts fails when the
// file and the library disagree (a library upgrade, an edited correction).
import { writeFileSync } from "node:fs";
import { libraryBankHolidays } from "../src/domain/workingDays.ts";
import { projectFile } from "../src/projectFiles.ts";

// The SEC came into force in 2013; assessments and releases are planned a few years ahead.
const FROM = 2013;
const TO = 2040;

const years: Record<string, [string, string][]> = {};
for (let year = FROM; year <= TO; year++) years[year] = libraryBankHolidays(year);
// A year a line, so a regenerated file's diff shows which days changed.
const lines = Object.entries(years).map(([year, days]) => `  ${JSON.stringify(year)}: ${JSON.stringify(days)}`);
writeFileSync(projectFile("src/domain/bankHolidays.json"), `{\n "from": ${FROM},\n "to": ${TO},\n "years": {\n${lines.join(",\n")}\n }\n}\n`);
console.log(`src/domain/bankHolidays.json: bank holidays ${FROM}–${TO}`);
