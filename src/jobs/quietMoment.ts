// Scheduled work waits for a quiet moment: a tick's reads and writes share the database (on the
// embedded one, a single session) with the people clicking, and a digest posted a few seconds
// late costs nobody anything, while a form opened late is lost. It doesn't wait for ever: under
// sustained traffic the jobs still run, after at most maxWaitMs.

export interface QuietMomentOptions {
  /** How many people's requests are being answered now. */
  busy: () => number;
  /** How long nothing must be in flight before the moment counts as quiet. */
  settleMs?: number;
  /** The longest the work is held back. */
  maxWaitMs?: number;
  pollMs?: number;
}

/** Resolves once nothing has been in flight for settleMs, or after maxWaitMs; to how long it waited. */
export async function quietMoment(options: QuietMomentOptions): Promise<number> {
  const { busy, settleMs = 250, maxWaitMs = 20_000, pollMs = 50 } = options;
  const began = Date.now();
  let quietSince = busy() === 0 ? began : null;
  for (;;) {
    const now = Date.now();
    if (quietSince !== null && now - quietSince >= settleMs) return now - began;
    if (now - began >= maxWaitMs) return now - began;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (busy() === 0) quietSince ??= Date.now();
    else quietSince = null;
  }
}
