import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// PDFs are tested by their text as poppler's pdftotext extracts it (.ci/run installs poppler-utils).

export const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A PDF's text as poppler's pdftotext reads it. */
export function pdfToText(pdf: Buffer | Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), "modbot-pdf-text-"));
  try {
    const path = join(folder, "report.pdf");
    writeFileSync(path, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8" });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
