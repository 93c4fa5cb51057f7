// Whether an error means the database could not be reached (server down, restarting, connection
// dropped), as opposed to a query that failed. Prisma reports the first as P1001/P1002/P1017 or a
// driver-adapter error of kind DatabaseNotReachable; pg itself says "Connection terminated".

const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "57P01", "57P02", "57P03"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNREACHABLE_MESSAGE =
  /Can't reach database server|Connection terminated|connect ECONNREFUSED|Connection refused|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|Client has encountered a connection error/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause ?? e.meta?.driverAdapterError, depth++) {
    if (typeof e !== "object") return false;
    if (UNREACHABLE_CODES.has(e.code) || UNREACHABLE_KINDS.has(e.kind) || UNREACHABLE_KINDS.has(e.cause?.kind)) return true;
    if (typeof e.message === "string" && UNREACHABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}
