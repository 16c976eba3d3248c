/** Longest strings echoed into error messages and log lines. */
export const ECHO_LIMITS = { message: 1024, logField: 256, logList: 32 } as const;
