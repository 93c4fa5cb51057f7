import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";

// Everything the bot sends in a console session is kept under DATA_DIR/console/<session>/, one
// file per message, modal or upload, so it can be opened, diffed or attached to an email.

export interface Transcript {
  readonly dir: string;
  /** Saves JSON as NNN-name.json and returns the path to show. */
  saveJson(name: string, value: unknown): string;
  /** Saves an uploaded file under files/ and returns the path to show. */
  saveFile(filename: string, bytes: Buffer): string;
}

export function createTranscript(dataDir: string, sessionName: string): Transcript {
  const dir = join(dataDir, "console", sessionName);
  mkdirSync(join(dir, "files"), { recursive: true });
  let sequence = 0;
  const shown = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere.startsWith("..") || isAbsolute(fromHere) ? path : fromHere;
  };
  return {
    dir: shown(dir),
    saveJson(name, value) {
      const path = join(dir, `${String(++sequence).padStart(3, "0")}-${safeName(name)}.json`);
      writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
      return shown(path);
    },
    saveFile(filename, bytes) {
      const base = safeName(filename) || "upload";
      const path = join(dir, "files", `${String(++sequence).padStart(3, "0")}-${base}`);
      writeFileSync(path, bytes);
      return shown(path);
    },
  };
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "").slice(0, 80);
}
